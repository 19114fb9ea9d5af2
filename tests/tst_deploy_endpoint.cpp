// EndpointTester: one completion request to a model server (here a small local HTTP server that stands in
// for the pod), the answer and latency, failures; and the port-forward path against the API test server,
// which cannot stream a forward: it must end with a message and leave no kubectl running.

#include "deploy/endpointtester.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace iq::deploy;

namespace {

// Answers every POST with `status` and `body`; keeps the last request body.
class FakeModelServer : public QObject
{
public:
    FakeModelServer(int status, QByteArray body)
        : m_status(status)
        , m_body(std::move(body))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray lastRequest;

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buf.left(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buf.size() < headerEnd + 4 + length)
            return;
        lastRequest = buf;
        const QByteArray reply = "HTTP/1.1 " + QByteArray::number(m_status) +
                                 " X\r\nContent-Type: application/json\r\n"
                                 "Content-Length: " +
                                 QByteArray::number(m_body.size()) + "\r\nConnection: close\r\n\r\n" + m_body;
        s->write(reply);
        s->disconnectFromHost();
        m_buffers.remove(s);
    }

    QTcpServer m_server;
    int m_status;
    QByteArray m_body;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

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

} // namespace

class TestDeployEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void servedModelFromManifests();
    void completionAnswerAndLatency();
    void serverErrorIsReported();
    void portForwardFailureEndsCleanly();
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
    QVERIFY(pod.lastRequest.startsWith("POST /v1/completions"));
    const QByteArray body = pod.lastRequest.mid(pod.lastRequest.indexOf("\r\n\r\n") + 4);
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
    DeployPlan plan;
    QString error;
    const QString path = iqtest::testDataPath(QStringLiteral("manifests/gpu-single.yaml"));
    QVERIFY(parseDeployPlan(QString::fromUtf8(iqtest::readFile(path)), path, &plan, &error));
    // The Service and a Running pod behind it exist; the test server cannot upgrade to a stream.
    server.putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Service")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), plan.serviceName},
                                                 {QStringLiteral("namespace"), QStringLiteral("default")}}},
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("selector"), QJsonObject{{QStringLiteral("app"), plan.deploymentName}}},
             {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("port"), 8000},
                                                              {QStringLiteral("targetPort"), 8000}}}}}}});
    server.putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("pod-1")},
                     {QStringLiteral("namespace"), QStringLiteral("default")},
                     {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), plan.deploymentName}}}}},
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("containers"),
              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                     {QStringLiteral("ports"),
                                      QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 8000}}}}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")}}}});
    KubectlSettings s;
    s.program = findKubectl({}, QProcessEnvironment::systemEnvironment(), &error);
    s.kubeconfig = kc;
    s.context = QStringLiteral("test");
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("HOME"), dir.path());
    s.environment = env;
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

QTEST_GUILESS_MAIN(TestDeployEndpoint)
#include "tst_deploy_endpoint.moc"
