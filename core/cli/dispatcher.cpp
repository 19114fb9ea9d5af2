// Maps `iq` command words to command functions and prints the top-level help.

#include "commands.h"

#include "argparser.h"

#include <QList>

namespace iq::cli {

namespace {

using CommandFn = int (*)(const QStringList &, CliIo &);

struct Command
{
    QStringList words;
    CommandFn run;
    const char *summary;
};

const QList<Command> &commandTable()
{
    static const QList<Command> table{
        {{QStringLiteral("profiles"), QStringLiteral("models"), QStringLiteral("list")},
         profilesModelsList,
         "list the models the catalog has profiles for"},
        {{QStringLiteral("profiles"), QStringLiteral("model-servers"), QStringLiteral("list")},
         profilesModelServersList,
         "list the model servers for a model (--model)"},
        {{QStringLiteral("profiles"), QStringLiteral("model-server-versions"), QStringLiteral("list")},
         profilesModelServerVersionsList,
         "list the versions of a model server for a model"},
        {{QStringLiteral("profiles"), QStringLiteral("use-case"), QStringLiteral("list")},
         profilesUseCaseList,
         "list the use cases (input/output lengths)"},
        {{QStringLiteral("profiles"), QStringLiteral("serving-stacks"), QStringLiteral("list")},
         profilesServingStacksList,
         "list the serving stacks"},
        {{QStringLiteral("profiles"), QStringLiteral("accelerators"), QStringLiteral("list")},
         profilesAcceleratorsList,
         "list the accelerators that can serve a model, best throughput each"},
        {{QStringLiteral("profiles"), QStringLiteral("benchmarks"), QStringLiteral("list")},
         profilesBenchmarksList,
         "print every load point of the matching profiles (CSV by default)"},
        {{QStringLiteral("profiles"), QStringLiteral("manifests"), QStringLiteral("create")},
         profilesManifestsCreate,
         "generate Kubernetes manifests for a profile"},
        {{QStringLiteral("profiles"), QStringLiteral("list")},
         profilesList,
         "list profiles at their best operating point, with costs"},
        {{QStringLiteral("estimate"), QStringLiteral("calibrate")},
         estimateCalibrate,
         "fit the estimator's efficiency factors to the public measured points"},
        {{QStringLiteral("estimate")},
         estimate,
         "estimate a latency-throughput curve for any model and accelerator"},
        {{QStringLiteral("catalog"), QStringLiteral("build")},
         catalogBuild,
         "regenerate the embedded catalog from the reference facts"},
        {{QStringLiteral("catalog"), QStringLiteral("validate")},
         catalogValidate,
         "check catalog files and report every problem as file:line"},
        {{QStringLiteral("deploy")},
         deploy,
         "apply the manifests to the current kube context and wait for the rollout"},
    };
    return table;
}

QString topLevelHelp()
{
    QString text = QStringLiteral(
        "iq - Inference Quickstart Studio on the command line (version " IQ_VERSION ").\n"
        "An offline twin of `gcloud container ai profiles ...`: replace `gcloud container ai` with `iq`.\n\n"
        "Commands:\n");
    for (const Command &c : commandTable())
        text += QString(QStringLiteral("  iq ") + c.words.join(QLatin1Char(' '))).leftJustified(42) +
                QLatin1Char(' ') + QString::fromLatin1(c.summary) + QLatin1Char('\n');
    text += QStringLiteral(
        "\nEvery command takes --help. Exit codes: 0 ok, 1 failure, 2 bad input, 3 infeasible.\n");
    return text;
}

} // namespace

int runIq(const QStringList &args, CliIo &io)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h") ||
        args.first() == QLatin1String("help")) {
        io.out << topLevelHelp();
        io.out.flush();
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("version")) {
        io.out << "iq " IQ_VERSION "\n";
        io.out.flush();
        return ExitOk;
    }
    // gcloud spells the use-case group "use-case"; accept the plural too.
    QStringList words = args;
    if (words.size() >= 2 && words.at(0) == QLatin1String("profiles") &&
        words.at(1) == QLatin1String("use-cases"))
        words[1] = QStringLiteral("use-case");

    const Command *best = nullptr;
    for (const Command &c : commandTable()) {
        if (words.size() >= c.words.size() && words.mid(0, c.words.size()) == c.words &&
            (!best || c.words.size() > best->words.size()))
            best = &c;
    }
    if (!best) {
        // Name the first word that does not continue any command.
        QStringList known;
        qsizetype depth = 0;
        for (; depth < words.size(); ++depth) {
            QStringList next;
            for (const Command &c : commandTable()) {
                if (c.words.size() > depth && c.words.mid(0, depth) == words.mid(0, depth) &&
                    !next.contains(c.words.at(depth)))
                    next.append(c.words.at(depth));
            }
            if (!next.contains(words.at(depth))) {
                known = next;
                break;
            }
        }
        const QString prefix = words.mid(0, depth).join(QLatin1Char(' '));
        if (depth >= words.size()) {
            io.err << "iq: `iq " << prefix << "` needs a subcommand\n";
        } else {
            io.err << "iq: unknown command `" << words.at(depth) << "`"
                   << (prefix.isEmpty() ? "" : " after `iq ") << prefix << (prefix.isEmpty() ? "" : "`");
            const QStringList close = closestMatches(words.at(depth), known, 1);
            if (!close.isEmpty())
                io.err << "; did you mean `" << close.first() << "`?";
            io.err << '\n';
        }
        if (!known.isEmpty())
            io.err << "Valid here: " << known.join(QStringLiteral(", ")) << '\n';
        io.err << "Run `iq --help` for the commands.\n";
        io.err.flush();
        return ExitUsage;
    }
    return best->run(words.mid(best->words.size()), io);
}

} // namespace iq::cli
