// `iq`: the command-line twin of Inference Quickstart Studio. All logic lives in core/cli.

#include "cli/commands.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // No QCoreApplication event loop is needed by most commands; construct one for QStandardPaths,
    // QtConcurrent and the commands that run processes.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("iq"));
    QCoreApplication::setOrganizationName(QStringLiteral("iqstudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IQ_VERSION));

    QFile out;
    QFile err;
    if (!out.open(stdout, QIODevice::WriteOnly) || !err.open(stderr, QIODevice::WriteOnly)) {
        std::fputs("iq: cannot open the standard streams\n", stderr);
        return 1;
    }
    // Standard input may be closed (CI runs without one): commands then read an empty stream.
    QFile in;
    QBuffer noInput;
    QIODevice *input = &in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        noInput.open(QIODevice::ReadOnly);
        input = &noInput;
    }
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    iq::cli::CliIo io{outStream, errStream, *input, QProcessEnvironment::systemEnvironment()};
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const int code = iq::cli::runIq(args, io);
    outStream.flush();
    errStream.flush();
    return code;
}
