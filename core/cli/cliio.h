#pragma once
// What a command run reads and writes. The `iq` main() binds these to the process's stdio; tests bind
// them to buffers, so every command can be tested in-process as well as through the binary.

#include <QIODevice>
#include <QProcessEnvironment>
#include <QTextStream>

namespace iq::cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,    // the command ran and failed (I/O, kubectl, ...)
    ExitUsage = 2,      // bad input: unknown flag/name, malformed file, invalid value
    ExitInfeasible = 3, // the estimator says the configuration cannot run (weights do not fit, ...)
};

struct CliIo
{
    QTextStream &out;
    QTextStream &err;
    QIODevice &in;
    QProcessEnvironment env;
};

} // namespace iq::cli
