#pragma once
// Helpers shared by the tests: running the built `iq` binary, test data paths, temporary files.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace iqtest {

struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

// Runs the `iq` binary built by this tree (IQ_CLI in the environment) with an argument list, optional
// standard input and extra environment ("NAME=value"), and waits at most timeoutMs.
ProcessResult runIq(const QStringList &args, const QByteArray &stdinData = {},
                    const QStringList &extraEnv = {}, int timeoutMs = 60000);

// Runs any program the same way.
ProcessResult runProgram(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
                         const QStringList &extraEnv = {}, int timeoutMs = 60000);

// Absolute path of a file under tests/data.
QString testDataPath(const QString &relative);

// Absolute path of a file under the source tree.
QString sourcePath(const QString &relative);

// Reads a whole file (empty on failure).
QByteArray readFile(const QString &path);

// The files under `dir` (hidden ones and subdirectories included) that contain `secret` or its base64:
// where a token must never have been written.
QStringList filesContaining(const QString &dir, const QByteArray &secret);

} // namespace iqtest
