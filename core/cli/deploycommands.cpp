// iq deploy: applies a manifest set (a saved file with -f, or generated from the flags of `iq profiles
// manifests create`) to a kube context with the real kubectl, through core/deploy's DeployPipeline: context
// check, confirmation, [namespace], server-side dry run, [diff], [token Secret], apply, rollout status.

#include "clicommon.h"
#include "commands.h"

#include "deploy/deploypipeline.h"
#include "deploy/endpointtester.h"
#include "manifest/kubenames.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

namespace iq::cli {

namespace {

using namespace iq::deploy;

// Deploy's own flags; every other flag goes to `iq profiles manifests create`.
const QStringList &deployValueFlags()
{
    static const QStringList flags{QStringLiteral("filename"),        QStringLiteral("context"),
                                   QStringLiteral("namespace"),       QStringLiteral("kubectl"),
                                   QStringLiteral("kubeconfig"),      QStringLiteral("timeout"),
                                   QStringLiteral("request-timeout"), QStringLiteral("validate")};
    return flags;
}

const QStringList &deployBoolFlags()
{
    static const QStringList flags{QStringLiteral("dry-run"),      QStringLiteral("yes"),
                                   QStringLiteral("no-wait"),      QStringLiteral("hf-token-stdin"),
                                   QStringLiteral("diff"),         QStringLiteral("create-namespace"),
                                   QStringLiteral("test-endpoint")};
    return flags;
}

void addDeployFlags(ArgParser &parser)
{
    parser.addValueFlag(
        QStringLiteral("filename"), QStringLiteral("FILE"),
        QStringLiteral("a saved manifest set to deploy (also -f FILE); without it the manifests are "
                       "generated from the flags of `iq profiles manifests create`"));
    parser.addValueFlag(QStringLiteral("context"), QStringLiteral("CONTEXT"),
                        QStringLiteral("kube context from the kubeconfig; default: its current context"));
    parser.addValueFlag(
        QStringLiteral("namespace"), QStringLiteral("NAMESPACE"),
        QStringLiteral("target namespace; default: the manifests', else the context's, else default"));
    parser.addBoolFlag(
        QStringLiteral("dry-run"),
        QStringLiteral("server-side dry run only (kubectl apply --dry-run=server): changes nothing"));
    parser.addBoolFlag(QStringLiteral("yes"), QStringLiteral("do not ask for confirmation"));
    parser.addBoolFlag(QStringLiteral("no-wait"),
                       QStringLiteral("do not wait for the rollout (exit after apply)"));
    parser.addBoolFlag(
        QStringLiteral("hf-token-stdin"),
        QStringLiteral("read the Hugging Face token from standard input (one line); else HF_TOKEN "
                       "from the environment. Never from a flag value."));
    parser.addBoolFlag(QStringLiteral("diff"), QStringLiteral("show kubectl diff after the dry run"));
    parser.addBoolFlag(
        QStringLiteral("create-namespace"),
        QStringLiteral("create the namespace when it does not exist (otherwise asked, or refused with "
                       "--yes)"));
    parser.addBoolFlag(
        QStringLiteral("test-endpoint"),
        QStringLiteral("after the rollout, port-forward to the Service, send one completion request, "
                       "print the answer and latency, and stop the port-forward"));
    parser.addValueFlag(QStringLiteral("timeout"), QStringLiteral("SECONDS"),
                        QStringLiteral("how long to wait for the rollout"), QStringLiteral("900"));
    parser.addValueFlag(QStringLiteral("request-timeout"), QStringLiteral("DURATION"),
                        QStringLiteral("kubectl --request-timeout for each call"), QStringLiteral("30s"));
    parser.addValueFlag(
        QStringLiteral("validate"), QStringLiteral("MODE"),
        QStringLiteral("kubectl --validate for apply: strict, warn or ignore (the server-side dry run "
                       "validates in every mode)"),
        QStringLiteral("strict"),
        {QStringLiteral("strict"), QStringLiteral("warn"), QStringLiteral("ignore")});
    parser.addValueFlag(QStringLiteral("kubectl"), QStringLiteral("PATH"),
                        QStringLiteral("kubectl to run; default: kubectl on PATH ($IQ_KUBECTL when set)"));
    parser.addValueFlag(QStringLiteral("kubeconfig"), QStringLiteral("FILE"),
                        QStringLiteral("kubeconfig file; default: $KUBECONFIG, else ~/.kube/config"));
}

QString flagName(const QString &arg)
{
    if (!arg.startsWith(QLatin1String("--")))
        return {};
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    return eq < 0 ? arg.mid(2) : arg.mid(2, eq - 2);
}

// Splits argv into deploy's flags and the rest (for manifests create). --namespace goes to both. Returns
// false with *error for a token given as a flag (the value is never repeated).
bool splitArguments(const QStringList &args, QStringList *mine, QStringList *generator, QString *error)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString arg = args.at(i);
        if (arg == QLatin1String("-f"))
            arg = QStringLiteral("--filename");
        const QString name = flagName(arg);
        if (name == QLatin1String("hf-token") || name == QLatin1String("token") ||
            name == QLatin1String("hf_token")) {
            *error = QStringLiteral(
                "the Hugging Face token is never taken from a flag value (it would show in the "
                "process list and shell history); use --hf-token-stdin or the HF_TOKEN "
                "environment variable");
            return false;
        }
        const bool takesValue = deployValueFlags().contains(name);
        if (takesValue || deployBoolFlags().contains(name) || name == QLatin1String("help")) {
            mine->append(arg);
            const bool inlineValue = arg.contains(QLatin1Char('='));
            if (takesValue && !inlineValue && i + 1 < args.size()) {
                mine->append(args.at(++i));
                if (name == QLatin1String("namespace"))
                    generator->append({arg, args.at(i)});
            } else if (name == QLatin1String("namespace")) {
                generator->append(arg);
            }
            continue;
        }
        generator->append(arg);
    }
    return true;
}

// Test hook: every kubectl command line (never a secret) appended to $IQ_DEPLOY_COMMAND_LOG.
void installCommandLog(const QProcessEnvironment &env)
{
    const QString path = env.value(QStringLiteral("IQ_DEPLOY_COMMAND_LOG"));
    if (path.isEmpty())
        return;
    KubectlRunner::setCommandObserver([path](const QString &program, const QStringList &arguments) {
        // Appending (not QSaveFile): the log grows across the calls of one run.
        QFile f(path);
        if (f.open(QIODevice::Append | QIODevice::Text))
            f.write((QStringList{program} + arguments).join(QLatin1Char('\t')).toUtf8() + '\n');
    });
}

bool readLineYes(CliIo &io)
{
    const QString line = QString::fromUtf8(io.in.readLine(256)).trimmed().toLower();
    return line == QLatin1String("y") || line == QLatin1String("yes");
}

// Generates the manifest set with `iq profiles manifests create`, in process, YAML only.
int generateManifests(const QStringList &generatorArgs, CliIo &io, QString *text)
{
    QString out;
    QTextStream outStream(&out);
    CliIo sub{outStream, io.err, io.in, io.env};
    QStringList args = generatorArgs;
    args << QStringLiteral("--output=manifest");
    const int code = profilesManifestsCreate(args, sub);
    outStream.flush();
    *text = out;
    return code;
}

// Reads the Kubernetes target before generating, so that generated manifests name the namespace the deploy
// goes to (the context's namespace when --namespace is not given).
bool probeNamespace(const KubectlSettings &settings, const QString &context, QString *ns, QString *error)
{
    KubeContextProbe probe(settings);
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&probe, &KubeContextProbe::finished, &loop, [&](const KubeConfigView &view) {
        KubeTarget t;
        ok = resolveTarget(view, context, {}, &t, error);
        *ns = t.ns;
        loop.quit();
    });
    QObject::connect(&probe, &KubeContextProbe::failed, &loop, [&](const QString &message, FailureKind) {
        *error = message;
        loop.quit();
    });
    probe.start();
    loop.exec();
    return ok;
}

// One completion request through kubectl port-forward (EndpointTester).
int testEndpoint(KubectlSettings settings, const DeployPipeline &pipeline, const QString &model, CliIo &io)
{
    settings.context = pipeline.target().context;
    EndpointTester tester(settings);
    tester.setRequest(model);
    QEventLoop loop;
    EndpointTestResult result;
    QObject::connect(&tester, &EndpointTester::output, &loop, [&io](const QString &t) {
        io.err << t;
        io.err.flush();
    });
    QObject::connect(&tester, &EndpointTester::finished, &loop, [&](const EndpointTestResult &r) {
        result = r;
        loop.quit();
    });
    tester.start(pipeline.plan());
    loop.exec();
    if (!result.ok) {
        io.err << "iq: endpoint test failed: " << result.message << '\n';
        if (!result.detail.isEmpty())
            io.err << result.detail << '\n';
        io.err.flush();
        return ExitFailure;
    }
    io.out << "Endpoint test: " << result.message << " (" << result.url << " through kubectl port-forward)\n"
           << "Answer: " << result.answer << '\n';
    io.out.flush();
    return ExitOk;
}

} // namespace

int deploy(const QStringList &args, CliIo &io)
{
    QStringList mine;
    QStringList generatorArgs;
    QString error;
    if (!splitArguments(args, &mine, &generatorArgs, &error))
        return fail(io, ExitUsage, error);

    ArgParser parser(
        QStringLiteral("iq deploy"),
        QStringLiteral("Applies manifests to the cluster of a kube context with kubectl and waits for the "
                       "rollout. Takes -f FILE (a saved manifest set) or the flags of `iq profiles "
                       "manifests create` (--model, --model-server, --accelerator-type, ...). Exit 0 only "
                       "when the rollout finished (or the dry run / --no-wait apply succeeded)."));
    addDeployFlags(parser);
    if (const int code = parseOrExit(parser, mine, io); code >= 0) {
        if (parser.helpRequested())
            io.out << "\nEvery flag of `iq profiles manifests create` is accepted too (see its --help).\n";
        io.out.flush();
        return code;
    }
    const QString file = parser.value(QStringLiteral("filename"));
    if (file.isEmpty() &&
        generatorArgs.filter(QRegularExpression(QStringLiteral("^--(?!namespace)"))).isEmpty())
        return fail(
            io, ExitUsage,
            QStringLiteral("nothing to deploy: give -f FILE (a saved manifest set) or the flags of `iq "
                           "profiles manifests create` (--model, --model-server, --accelerator-type)"));
    if (!file.isEmpty() && !generatorArgs.isEmpty() &&
        !(generatorArgs.size() <= 2 && generatorArgs.first().startsWith(QLatin1String("--namespace"))))
        return fail(io, ExitUsage,
                    QStringLiteral("-f FILE deploys a saved set: the generator flags (%1) do not apply to it")
                        .arg(generatorArgs.first()));

    DeployOptions options;
    options.context = parser.value(QStringLiteral("context"));
    options.ns = parser.value(QStringLiteral("namespace"));
    options.dryRunOnly = parser.isSet(QStringLiteral("dry-run"));
    options.diff = parser.isSet(QStringLiteral("diff"));
    options.wait = !parser.isSet(QStringLiteral("no-wait"));
    options.createNamespace = parser.isSet(QStringLiteral("create-namespace"));
    options.validate = parser.value(QStringLiteral("validate"));
    const bool assumeYes = parser.isSet(QStringLiteral("yes"));
    if (!parser.intValue(QStringLiteral("timeout"), 900, &options.rolloutTimeoutSeconds, &error))
        return fail(io, ExitUsage, error);
    if (options.rolloutTimeoutSeconds < 1 || options.rolloutTimeoutSeconds > 86400)
        return fail(
            io, ExitUsage,
            QStringLiteral("--timeout must be 1..86400 seconds (got %1)").arg(options.rolloutTimeoutSeconds));
    const QString requestTimeout = parser.value(QStringLiteral("request-timeout"));
    static const QRegularExpression durationRe(QStringLiteral("^[0-9]{1,5}(ms|s|m|h)?$"));
    if (!durationRe.match(requestTimeout).hasMatch())
        return fail(io, ExitUsage,
                    QStringLiteral("invalid --request-timeout \"%1\" (a duration such as 30s or 2m)")
                        .arg(requestTimeout));
    if (!options.context.isEmpty() &&
        (options.context.startsWith(QLatin1Char('-')) ||
         options.context.contains(QRegularExpression(QStringLiteral("[\\x00-\\x1f]")))))
        return fail(io, ExitUsage, QStringLiteral("invalid --context \"%1\"").arg(options.context));
    if (!options.ns.isEmpty()) {
        if (const QString e = manifest::checkDns1123Label(QStringLiteral("--namespace"), options.ns);
            !e.isEmpty())
            return fail(io, ExitUsage, e);
    }

    // The token: standard input (--hf-token-stdin) or HF_TOKEN; held in memory only.
    const bool tokenFromStdin = parser.isSet(QStringLiteral("hf-token-stdin"));
    if (tokenFromStdin) {
        if (!assumeYes)
            return fail(
                io, ExitUsage,
                QStringLiteral("--hf-token-stdin uses standard input for the token, so it cannot also answer "
                               "the confirmation: add --yes"));
        options.hfToken = io.in.readLine(8192);
        if (!normaliseToken(&options.hfToken, &error))
            return fail(io, ExitUsage, error + QStringLiteral(" (read from standard input)"));
    } else if (!io.env.value(QStringLiteral("HF_TOKEN")).isEmpty()) { // empty counts as unset
        options.hfToken = io.env.value(QStringLiteral("HF_TOKEN")).toUtf8();
        if (!normaliseToken(&options.hfToken, &error))
            return fail(io, ExitUsage, error + QStringLiteral(" (HF_TOKEN)"));
    }

    KubectlSettings settings;
    settings.environment = io.env;
    settings.kubeconfig = parser.value(QStringLiteral("kubeconfig"));
    settings.requestTimeout = requestTimeout;
    QString preferred = parser.value(QStringLiteral("kubectl"));
    if (preferred.isEmpty())
        preferred = io.env.value(QStringLiteral("IQ_KUBECTL"));
    settings.program = findKubectl(preferred, io.env, &error);
    if (settings.program.isEmpty())
        return fail(io, ExitFailure, error);
    installCommandLog(io.env);

    // The manifests.
    QString text;
    QString source;
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return fail(io, ExitUsage, QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
        text = QString::fromUtf8(f.readAll());
        source = file;
    } else {
        if (options.ns.isEmpty()) {
            QString ns;
            if (!probeNamespace(settings, options.context, &ns, &error))
                return fail(io, ExitFailure, error);
            generatorArgs << QStringLiteral("--namespace=") + ns;
            options.ns = ns;
        }
        if (const int code = generateManifests(generatorArgs, io, &text); code != ExitOk)
            return code;
        source = QStringLiteral("generated manifests");
    }
    DeployPlan plan;
    if (!parseDeployPlan(text, source, &plan, &error))
        return fail(io, ExitUsage, error);

    DeployPipeline pipeline(settings, plan, options);
    QEventLoop loop;
    DeployOutcome outcome;
    bool done = false;
    bool preparedOk = false;
    int lastProgressSecond = -1;
    QObject::connect(&pipeline, &DeployPipeline::log, &loop, [&io](DeployStep, const QString &t) {
        io.err << t;
        if (!t.endsWith(QLatin1Char('\n')))
            io.err << '\n';
        io.err.flush();
    });
    QObject::connect(&pipeline, &DeployPipeline::stepChanged, &loop,
                     [&io](DeployStep step, StepStatus status, const QString &message) {
                         if (status == StepStatus::Pending)
                             return;
                         io.err << "[" << stepStatusName(status) << "] " << stepTitle(step);
                         if (!message.isEmpty())
                             io.err << ": " << message;
                         io.err << '\n';
                         io.err.flush();
                     });
    QObject::connect(&pipeline, &DeployPipeline::rolloutProgress, &loop,
                     [&](int available, int desired, qint64 elapsedMs) {
                         const int s = static_cast<int>(elapsedMs / 1000);
                         if (s / 10 == lastProgressSecond / 10 && lastProgressSecond >= 0)
                             return; // one line per 10 s
                         lastProgressSecond = s;
                         io.err << "  rollout: " << available << "/"
                                << (desired < 0 ? QStringLiteral("?") : QString::number(desired))
                                << " replicas available, " << s << " s elapsed\n";
                         io.err.flush();
                     });
    QObject::connect(&pipeline, &DeployPipeline::prepared, &loop, [&](const DeployConfirmation &c) {
        preparedOk = true;
        loop.quit();
        Q_UNUSED(c);
    });
    QObject::connect(&pipeline, &DeployPipeline::namespaceConfirmationNeeded, &loop, [&](const QString &ns) {
        if (assumeYes) {
            io.err << "The namespace \"" << ns
                   << "\" does not exist; --yes does not create namespaces: add --create-namespace.\n";
            io.err.flush();
            pipeline.confirmNamespace(false);
            return;
        }
        io.err << "The namespace \"" << ns << "\" does not exist. Create it? [y/N] ";
        io.err.flush();
        pipeline.confirmNamespace(readLineYes(io));
    });
    QObject::connect(&pipeline, &DeployPipeline::finished, &loop, [&](const DeployOutcome &o) {
        outcome = o;
        done = true;
        loop.quit();
    });

    pipeline.prepare();
    if (!done)
        loop.exec();
    if (!done && preparedOk) {
        io.err << "\n" << pipeline.confirmation().text();
        io.err.flush();
        if (!assumeYes) {
            io.err << (options.dryRunOnly ? "Run the server-side dry run? [y/N] " : "Deploy? [y/N] ");
            io.err.flush();
            if (!readLineYes(io))
                return fail(io, ExitFailure,
                            QStringLiteral("not confirmed; nothing was changed (pass --yes to skip the "
                                           "question)"));
        }
        pipeline.run();
        if (!done)
            loop.exec();
    }
    if (!outcome.ok) {
        io.err << "iq: deploy failed at \"" << stepTitle(outcome.failedStep)
               << "\": " << outcome.failure.message << '\n';
        if (!outcome.failure.detail.isEmpty())
            io.err << "kubectl output:\n" << outcome.failure.detail << '\n';
        io.err.flush();
        return ExitFailure;
    }
    if (outcome.dryRunOnly) {
        io.out << "Server-side dry run succeeded: the cluster accepts all " << plan.objects.size()
               << " objects. Nothing was changed.\n";
    } else {
        io.out << (options.wait ? "Deployed: deployment/"
                                : "Applied (not waiting for the rollout): deployment/")
               << plan.deploymentName << " in namespace " << pipeline.target().ns << " of context "
               << pipeline.target().context << '\n';
        if (outcome.rolloutMs >= 0)
            io.out << "Rollout took " << QString::number(outcome.rolloutMs / 1000.0, 'f', 1) << " s\n";
        if (!outcome.endpoint.isEmpty())
            io.out << "Endpoint in the cluster: " << outcome.endpoint << '\n';
        if (!outcome.portForward.isEmpty())
            io.out << "Port-forward: " << outcome.portForward << '\n';
    }
    io.out.flush();
    if (parser.isSet(QStringLiteral("test-endpoint")) && !options.dryRunOnly)
        return testEndpoint(settings, pipeline, plan.servedModel, io);
    return ExitOk;
}

} // namespace iq::cli
