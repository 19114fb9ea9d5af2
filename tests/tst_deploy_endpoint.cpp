// EndpointTester: one completion request to a model server (here a small local HTTP server that stands in
// for the pod), the answer and latency, failures; and the port-forward path end to end: the real kubectl
// port-forwards service/NAME through the API test server (WebSocket tunnel, SPDY fallback, SPDY by
// environment) to the stand-in server; a forward without a target and a server without the portforward
// subresource must end with a message and leave no kubectl running.

#include "deploy/endpointtester.h"
#include "fakemodelserver.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace iq::deploy;

namespace {

using iqtest::FakeModelServer;

EndpointTestResult runTester(EndpointTester &t, const std::function<void()> &start)
{
    EndpointTestResult result;
    bool done = false;
    QObject::connect(&t, &EndpointTester::finished, &t, [&](const EndpointTestResult &r) {
        result = r;
        done = true;
    });
    start();
    if (!QTest::qWaitFor([&] { return done; }, 90000))
        t.cancel();
    return result;
}

// The plan's Service (port plan.servicePort -> named targetPort "http", selector app=deploymentName) and a
// Running pod "pod-1" behind it whose container port "http" is `containerPort`: kubectl must resolve
// service -> pod -> container port itself.
void seedServiceAndPod(iqtest::KubeApiServer &server, const DeployPlan &plan, int containerPort)
{
    server.putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Service")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), plan.serviceName}, {QStringLiteral("namespace"), plan.ns}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("selector"), QJsonObject{{QStringLiteral("app"), plan.deploymentName}}},
                     {QStringLiteral("ports"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")},
                                             {QStringLiteral("port"), plan.servicePort},
                                             {QStringLiteral("targetPort"), QStringLiteral("http")}}}}}}});
    iqtest::seedRunningPod(server, plan.ns, QStringLiteral("pod-1"),
                           QStringLiteral("app=") + plan.deploymentName, QStringLiteral("http"),
                           containerPort);
}

// The plan of tests/data/manifests/gpu-single.yaml (Service port 8000). Empty serviceName on failure.
DeployPlan gpuSinglePlan()
{
    DeployPlan plan;
    QString error;
    const QString path = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    if (!parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &plan, &error))
        qWarning("%s", qPrintable(error));
    return plan;
}

// Settings that run the kubectl on PATH against `kubeconfig` with a private HOME (no user config).
KubectlSettings testSettings(const QString &kubeconfig, const QString &home, QString *error)
{
    KubectlSettings s;
    s.program = findKubectl({}, QProcessEnvironment::systemEnvironment(), error);
    s.kubeconfig = kubeconfig;
    s.context = QStringLiteral("test");
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("HOME"), home);
    s.environment = env;
    return s;
}

// Process ids whose command line mentions `needle` (Linux /proc; empty elsewhere). A killed process that is
// not yet reaped has an empty command line, so it no longer counts.
QStringList processesMentioning(const QString &needle)
{
    QStringList found;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (!numeric)
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle.toUtf8()))
            found << pid;
    }
    return found;
}

bool acceptsConnections(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    const bool ok = s.waitForConnected(1000);
    s.abort();
    return ok;
}

} // namespace

class TestDeployEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void servedModelFromManifests();
    void completionAnswerAndLatency();
    void serverErrorIsReported();
    void portForwardFailureEndsCleanly();
    void portForwardEndToEnd_data();
    void portForwardEndToEnd();
    void portForwardWithoutTargetEndsCleanly();
};

void TestDeployEndpoint::servedModelFromManifests()
{
    for (const auto &[file, model] :
         {std::pair{"manifests/gpu-single.yaml", "meta-llama/Llama-3.1-8B-Instruct"},
          std::pair{"manifests/tgi.yaml", "meta-llama/Llama-3.1-8B-Instruct"},
          std::pair{"manifests/sglang.yaml", "meta-llama/Llama-3.1-8B-Instruct"},
          std::pair{"manifests/bucket.yaml", "google/gemma-2-27b-it"}}) {
        DeployPlan plan;
        QString error;
        const QString path = iqtest::testDataPath(QString::fromLatin1(file));
        QVERIFY2(parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &plan, &error),
                 qPrintable(error));
        QCOMPARE(plan.servedModel, QString::fromLatin1(model));
        QVERIFY(plan.servicePort > 0);
    }
}

void TestDeployEndpoint::completionAnswerAndLatency()
{
    const QJsonObject answer{
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral(" city in California")}}}}};
    FakeModelServer pod(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    EndpointTester tester(KubectlSettings{});
    tester.setRequest(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"),
                      QStringLiteral("San Francisco is a"), 8);
    const EndpointTestResult r = runTester(
        tester, [&] { tester.startDirect(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(pod.port()))); });
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.answer, QStringLiteral(" city in California"));
    QVERIFY(r.latencyMs >= 0);
    QCOMPARE(r.url, QStringLiteral("http://127.0.0.1:%1/v1/completions").arg(pod.port()));
    QVERIFY(pod.lastRequest().startsWith("POST /v1/completions"));
    const QByteArray body = pod.lastRequest().mid(pod.lastRequest().indexOf("\r\n\r\n") + 4);
    const QJsonObject sent = QJsonDocument::fromJson(body).object();
    QCOMPARE(sent.value(QStringLiteral("model")).toString(),
             QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"));
    QCOMPARE(sent.value(QStringLiteral("max_tokens")).toInt(), 8);
    QCOMPARE(sent.value(QStringLiteral("temperature")).toInt(), 0);
}

void TestDeployEndpoint::serverErrorIsReported()
{
    FakeModelServer pod(500, QByteArrayLiteral("{\"error\":\"model not loaded\"}"));
    EndpointTester tester(KubectlSettings{});
    tester.setRequest(QStringLiteral("m"));
    const EndpointTestResult r = runTester(
        tester, [&] { tester.startDirect(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(pod.port()))); });
    QVERIFY(!r.ok);
    QCOMPARE(r.httpStatus, 500);
    QVERIFY2(r.message.contains(QStringLiteral("request failed")), qPrintable(r.message));
    QVERIFY(r.answer.contains(QStringLiteral("model not loaded")));
    // Nothing listening: a clear failure too.
    EndpointTester closed(KubectlSettings{});
    const EndpointTestResult c = runTester(closed, [&] {
        closed.startDirect(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(iqtest::closedLocalPort())));
    });
    QVERIFY(!c.ok);
    QCOMPARE(c.httpStatus, 0);
    QVERIFY2(c.message.contains(QStringLiteral("refused")), qPrintable(c.message));
}

void TestDeployEndpoint::portForwardFailureEndsCleanly()
{
    iqtest::KubeApiServer server;
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString kc = dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(iqtest::writeKubeconfig(kc, {{QStringLiteral("test"), server.url(), QString()}},
                                    QStringLiteral("test")));
    const DeployPlan plan = gpuSinglePlan();
    QVERIFY(!plan.serviceName.isEmpty());
    // The Service and a Running pod behind it exist, but no port-forward target is set, so the test server
    // answers the portforward subresource with 404 and kubectl gives up.
    seedServiceAndPod(server, plan, 8000);
    QString error;
    const KubectlSettings s = testSettings(kc, dir.path(), &error);
    QVERIFY2(!s.program.isEmpty(), qPrintable(error));
    QStringList started;
    KubectlRunner::setCommandObserver(
        [&started](const QString &, const QStringList &args) { started = args; });
    EndpointTester tester(s);
    tester.setTimeouts(20000, 20000);
    tester.setRequest(plan.servedModel);
    QElapsedTimer clock;
    clock.start();
    const EndpointTestResult r = runTester(tester, [&] { tester.start(plan); });
    KubectlRunner::setCommandObserver({});
    QVERIFY(!r.ok);
    QVERIFY2(r.message.contains(QStringLiteral("port-forward")),
             qPrintable(r.message + QLatin1Char('\n') + r.detail));
    QVERIFY(clock.elapsed() < 60000);
    QVERIFY(started.contains(QStringLiteral("port-forward")));
    QVERIFY(started.contains(QStringLiteral("--address=127.0.0.1")));
    QVERIFY(started.contains(QStringLiteral("service/") + plan.serviceName));
}

void TestDeployEndpoint::portForwardEndToEnd_data()
{
    QTest::addColumn<bool>("serverWebSockets");
    QTest::addColumn<bool>("clientWebSockets");
    QTest::addColumn<QString>("transport");
    QTest::newRow("websocket tunnel (kubectl default)") << true << true << QStringLiteral("websocket");
    QTest::newRow("spdy fallback (tunnel refused)") << false << true << QStringLiteral("spdy");
    QTest::newRow("spdy (KUBECTL_PORT_FORWARD_WEBSOCKETS=false)") << true << false << QStringLiteral("spdy");
}

void TestDeployEndpoint::portForwardEndToEnd()
{
    QFETCH(bool, serverWebSockets);
    QFETCH(bool, clientWebSockets);
    QFETCH(QString, transport);
    const QJsonObject answer{
        {QStringLiteral("id"), QStringLiteral("cmpl-1")},
        {QStringLiteral("object"), QStringLiteral("text_completion")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("text"), QStringLiteral(" city in Northern California")},
                                {QStringLiteral("finish_reason"), QStringLiteral("length")}}}}};
    FakeModelServer pod(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    QVERIFY(pod.port() > 0);

    iqtest::KubeApiServer server;
    server.setPortForwardWebSockets(serverWebSockets);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString kc = dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(iqtest::writeKubeconfig(kc, {{QStringLiteral("test"), server.url(), QString()}},
                                    QStringLiteral("test")));
    const DeployPlan plan = gpuSinglePlan();
    QVERIFY(!plan.serviceName.isEmpty());
    QString error;
    const int containerPort = 8080; // != plan.servicePort (8000): kubectl maps service port -> container port
    seedServiceAndPod(server, plan, containerPort);
    server.setPortForwardTarget(QStringLiteral("pod-1"), containerPort, pod.port());

    KubectlSettings s = testSettings(kc, dir.path(), &error);
    QVERIFY2(!s.program.isEmpty(), qPrintable(error));
    if (!clientWebSockets)
        s.environment.insert(QStringLiteral("KUBECTL_PORT_FORWARD_WEBSOCKETS"), QStringLiteral("false"));
    EndpointTester tester(s);
    tester.setTimeouts(30000, 30000);
    tester.setRequest(plan.servedModel, QStringLiteral("San Francisco is a"), 8);
    QString output;
    connect(&tester, &EndpointTester::output, &tester, [&output](const QString &text) { output += text; });
    const quint16 local = iqtest::closedLocalPort();
    const EndpointTestResult r = runTester(tester, [&] { tester.start(plan, local); });
    const QString trace = r.message + QStringLiteral("\n--- output\n") + output +
                          QStringLiteral("\n--- port-forward log\n") +
                          server.portForwardLog().join(QLatin1Char('\n')) +
                          QStringLiteral("\n--- requests\n") + server.requestLog().join(QLatin1Char('\n'));

    qInfo().noquote() << QStringLiteral("%1: %2").arg(transport, r.message);
    if (qEnvironmentVariableIsSet("IQ_TEST_TRACE"))
        qInfo().noquote() << trace;

    // The answer came back through kubectl port-forward.
    QVERIFY2(r.ok, qPrintable(trace));
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.answer, QStringLiteral(" city in Northern California"));
    QVERIFY(r.latencyMs >= 0);
    QCOMPARE(r.url, QStringLiteral("http://127.0.0.1:%1/v1/completions").arg(local));
    QVERIFY2(
        output.contains(QStringLiteral("Forwarding from 127.0.0.1:%1 -> %2").arg(local).arg(containerPort)),
        qPrintable(trace));

    // The request reached the stand-in model server unchanged.
    QVERIFY2(pod.lastRequest().startsWith("POST /v1/completions "), pod.lastRequest().constData());
    const QJsonObject sent =
        QJsonDocument::fromJson(pod.lastRequest().mid(pod.lastRequest().indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(sent.value(QStringLiteral("model")).toString(), plan.servedModel);
    QCOMPARE(sent.value(QStringLiteral("prompt")).toString(), QStringLiteral("San Francisco is a"));
    QCOMPARE(sent.value(QStringLiteral("max_tokens")).toInt(), 8);

    // Over the expected transport, to the container port kubectl resolved from the Service.
    const QStringList log = server.portForwardLog();
    QVERIFY2(log.contains(QStringLiteral("upgrade %1 %2/pod-1").arg(transport, plan.ns)), qPrintable(trace));
    QCOMPARE(log.contains(QStringLiteral("refused websocket upgrade for %1/pod-1").arg(plan.ns)),
             !serverWebSockets);
    const QString pfPath = QStringLiteral("/api/v1/namespaces/%1/pods/pod-1/portforward").arg(plan.ns);
    QVERIFY2(
        server.requestLog().contains(
            (transport == QLatin1String("websocket") ? QStringLiteral("GET ") : QStringLiteral("POST ")) +
            pfPath),
        qPrintable(trace));
    QVERIFY2(!log.filter(QStringLiteral("streamtype=data port=%1").arg(containerPort)).isEmpty(),
             qPrintable(trace));
    QVERIFY2(!log.filter(QRegularExpression(QStringLiteral("^forward requestid=\\d+ done"))).isEmpty(),
             qPrintable(trace));

    // The port-forward was stopped: no kubectl left, its local port closed, the session gone.
    QVERIFY2(QTest::qWaitFor([&] { return processesMentioning(kc).isEmpty(); }, 10000),
             qPrintable(processesMentioning(kc).join(QLatin1Char(' '))));
    QVERIFY(QTest::qWaitFor([&] { return !acceptsConnections(local); }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return server.openPortForwardSessions() == 0; }, 10000));
}

void TestDeployEndpoint::portForwardWithoutTargetEndsCleanly()
{
    FakeModelServer pod(200, QByteArrayLiteral("{}"));
    iqtest::KubeApiServer server;
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString kc = dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(iqtest::writeKubeconfig(kc, {{QStringLiteral("test"), server.url(), QString()}},
                                    QStringLiteral("test")));
    const DeployPlan plan = gpuSinglePlan();
    QVERIFY(!plan.serviceName.isEmpty());
    QString error;
    seedServiceAndPod(server, plan, 8080);
    // A target for another port only: the forward to 8080 is refused on the error stream, as a kubelet
    // reports a connection refused inside the pod.
    server.setPortForwardTarget(QStringLiteral("pod-1"), 9090, pod.port());
    KubectlSettings s = testSettings(kc, dir.path(), &error);
    QVERIFY2(!s.program.isEmpty(), qPrintable(error));
    EndpointTester tester(s);
    tester.setTimeouts(30000, 30000);
    tester.setRequest(plan.servedModel);
    const EndpointTestResult r = runTester(tester, [&] { tester.start(plan); });
    const QString trace = r.message + QLatin1Char('\n') + r.detail + QLatin1Char('\n') +
                          server.portForwardLog().join(QLatin1Char('\n'));
    QVERIFY2(!r.ok, qPrintable(trace));
    QCOMPARE(r.httpStatus, 0);
    QVERIFY2(
        !server.portForwardLog()
             .filter(QRegularExpression(QStringLiteral("^forward requestid=\\d+ failed: error forwarding "
                                                       "port 8080 to pod default/pod-1")))
             .isEmpty(),
        qPrintable(trace));
    QVERIFY(pod.lastRequest().isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return processesMentioning(kc).isEmpty(); }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return server.openPortForwardSessions() == 0; }, 10000));
}

QTEST_GUILESS_MAIN(TestDeployEndpoint)
#include "tst_deploy_endpoint.moc"
