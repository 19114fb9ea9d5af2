#include "testsupport.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace iqtest {

ProcessResult runProgram(const QString &program, const QStringList &args, const QByteArray &stdinData,
                         const QStringList &extraEnv, int timeoutMs)
{
    ProcessResult result;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq > 0)
            env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    // Waits in an event loop (not waitForFinished) so that servers living in the test's thread (a stand-in
    // model server behind a port-forward) keep answering the process.
    if (process.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        loop.exec();
    }
    if (process.state() != QProcess::NotRunning) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    return result;
}

ProcessResult runIq(const QStringList &args, const QByteArray &stdinData, const QStringList &extraEnv,
                    int timeoutMs)
{
    const QString cli = qEnvironmentVariable("IQ_CLI");
    return runProgram(cli, args, stdinData, extraEnv, timeoutMs);
}

QString testDataPath(const QString &relative)
{
    return QStringLiteral(IQ_TEST_DATA_DIR "/") + relative;
}

QString sourcePath(const QString &relative)
{
    return QStringLiteral(IQ_SOURCE_DIR "/") + relative;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QStringList filesContaining(const QString &dir, const QByteArray &secret)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray data = readFile(path);
        if (data.contains(secret) || data.contains(secret.toBase64()))
            found << path;
    }
    return found;
}

} // namespace iqtest
