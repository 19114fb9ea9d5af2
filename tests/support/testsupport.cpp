#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

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
    if (!process.waitForFinished(timeoutMs)) {
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

} // namespace iqtest
