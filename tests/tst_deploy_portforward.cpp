// The port-forward subresource of the Kubernetes API test server (tests/support/kubeportforward.h) driven by
// the real `kubectl port-forward pod/NAME` (v1.32): several concurrent connections with payloads larger than
// one SPDY frame and than SPDY's 64 KiB initial window, echoed by a local TCP server standing in for the
// container, over the WebSocket tunnel and over plain SPDY/3.1; and a target that refuses the connection,
// which kubectl must report with the server's message.

#include "deploy/kubectlrunner.h"
#include "kubeapiserver.h"
#include "kubeapiserverextras.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace iq::deploy;

namespace {

// Echoes every byte back; closes a connection when the peer has finished sending (end of file).
class EchoServer : public QObject
{
public:
    EchoServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    int connections = 0;

private:
    QTcpServer m_server;
};

// Deterministic bytes (a linear congruential sequence), different for each connection.
QByteArray pattern(int seed, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = quint32(seed) * 2654435761u + 1u;
    for (qsizetype i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        data[i] = char(x >> 24);
    }
    return data;
}

struct Cluster
{
    QTemporaryDir dir;
    iqtest::KubeApiServer server;
    QString kubeconfig;
};

// A test server with a Running pod "pod-1" (container port `containerPort`) and a kubeconfig for it.
bool startCluster(Cluster &c, int containerPort, bool webSockets)
{
    c.server.setPortForwardWebSockets(webSockets);
    if (!c.dir.isValid() || !c.server.start())
        return false;
    c.kubeconfig = c.dir.filePath(QStringLiteral("kubeconfig"));
    if (!iqtest::writeKubeconfig(c.kubeconfig, {{QStringLiteral("test"), c.server.url(), QString()}},
                                 QStringLiteral("test")))
        return false;
    c.server.putObject(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("pod-1")},
                                                 {QStringLiteral("namespace"), QStringLiteral("default")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("c")},
                          {QStringLiteral("ports"),
                           QJsonArray{QJsonObject{{QStringLiteral("containerPort"), containerPort}}}}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")}}}});
    return true;
}

// `kubectl port-forward pod/pod-1 LOCAL:PORT`, killed when this goes out of scope.
class PortForward
{
public:
    PortForward(const Cluster &c, quint16 local, int port)
    {
        QString error;
        const QString kubectl = findKubectl({}, QProcessEnvironment::systemEnvironment(), &error);
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"),
                   QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("HOME"), c.dir.path());
        m_process.setProcessEnvironment(env);
        m_process.start(kubectl,
                        {QStringLiteral("--kubeconfig=") + c.kubeconfig, QStringLiteral("--context=test"),
                         QStringLiteral("port-forward"), QStringLiteral("pod/pod-1"),
                         QStringLiteral("%1:%2").arg(local).arg(port), QStringLiteral("-n"),
                         QStringLiteral("default"), QStringLiteral("--address=127.0.0.1")});
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput,
                         [this] { out += m_process.readAllStandardOutput(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { err += m_process.readAllStandardError(); });
    }
    ~PortForward()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    PortForward(const PortForward &) = delete;
    PortForward &operator=(const PortForward &) = delete;
    bool running() const { return m_process.state() != QProcess::NotRunning; }

    QByteArray out;
    QByteArray err;

private:
    QProcess m_process;
};

} // namespace

class TestDeployPortForward : public QObject
{
    Q_OBJECT

private slots:
    void concurrentLargeTransfers_data();
    void concurrentLargeTransfers();
    void refusedTargetIsReportedByKubectl();
};

void TestDeployPortForward::concurrentLargeTransfers_data()
{
    QTest::addColumn<bool>("webSockets");
    QTest::addColumn<QString>("transport");
    QTest::newRow("websocket tunnel") << true << QStringLiteral("websocket");
    QTest::newRow("spdy (tunnel refused)") << false << QStringLiteral("spdy");
}

void TestDeployPortForward::concurrentLargeTransfers()
{
    QFETCH(bool, webSockets);
    QFETCH(QString, transport);
    EchoServer echo;
    QVERIFY(echo.port() > 0);
    Cluster cluster;
    QVERIFY(startCluster(cluster, 5000, webSockets));
    cluster.server.setPortForwardTarget(QStringLiteral("pod-1"), 5000, echo.port());
    const quint16 local = iqtest::closedLocalPort();
    PortForward pf(cluster, local, 5000);
    const QByteArray ready = QStringLiteral("Forwarding from 127.0.0.1:%1 -> 5000").arg(local).toUtf8();
    QVERIFY2(QTest::qWaitFor([&] { return pf.out.contains(ready) || !pf.running(); }, 30000) &&
                 pf.out.contains(ready),
             QByteArray(pf.out + pf.err).constData());

    // Three connections at once, 300 KiB each way: many 16 KiB server frames, more than the 64 KiB window.
    constexpr int kConnections = 3;
    constexpr qsizetype kSize = 300 * 1024;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> received(kConnections);
    for (int i = 0; i < kConnections; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = s.get();
        QObject::connect(raw, &QTcpSocket::readyRead, raw,
                         [raw, &received, i] { received[i] += raw->readAll(); });
        raw->connectToHost(QHostAddress::LocalHost, local);
        raw->write(pattern(i, kSize));
        sockets.push_back(std::move(s));
    }
    const bool complete = QTest::qWaitFor(
        [&] {
            for (const QByteArray &r : received) {
                if (r.size() < kSize)
                    return false;
            }
            return true;
        },
        60000);
    const QString trace = QString::fromUtf8(pf.out + pf.err) + QStringLiteral("\n--- port-forward log\n") +
                          cluster.server.portForwardLog().join(QLatin1Char('\n'));
    QVERIFY2(complete, qPrintable(trace));
    for (int i = 0; i < kConnections; ++i)
        QVERIFY2(received[i] == pattern(i, kSize), qPrintable(QStringLiteral("connection %1").arg(i)));
    QCOMPARE(echo.connections, kConnections);

    // Closing our side ends each forward: kubectl sends FIN, the server half-closes towards the echo
    // server, which closes, and the server ends both streams.
    for (auto &s : sockets)
        s->disconnectFromHost();
    const QRegularExpression done(
        QStringLiteral("^forward requestid=\\d+ done: %1 bytes to the target, %1 back$").arg(kSize));
    QVERIFY2(QTest::qWaitFor(
                 [&] { return cluster.server.portForwardLog().filter(done).size() == kConnections; }, 30000),
             qPrintable(trace + QLatin1Char('\n') + cluster.server.portForwardLog().join(QLatin1Char('\n'))));
    const QStringList log = cluster.server.portForwardLog();
    QVERIFY2(log.contains(QStringLiteral("upgrade %1 default/pod-1").arg(transport)), qPrintable(trace));
    QCOMPARE(log.filter(QStringLiteral("streamtype=data port=5000")).size(), kConnections);
    QVERIFY(pf.running()); // the forward itself stays up
    QVERIFY2(!pf.err.contains("error"), pf.err.constData());
}

void TestDeployPortForward::refusedTargetIsReportedByKubectl()
{
    Cluster cluster;
    QVERIFY(startCluster(cluster, 5000, true));
    const quint16 closed = iqtest::closedLocalPort();
    cluster.server.setPortForwardTarget(QString(), 5000, closed); // any pod
    const quint16 local = iqtest::closedLocalPort();
    PortForward pf(cluster, local, 5000);
    const QByteArray ready = QStringLiteral("Forwarding from 127.0.0.1:%1 -> 5000").arg(local).toUtf8();
    QVERIFY2(QTest::qWaitFor([&] { return pf.out.contains(ready) || !pf.running(); }, 30000) &&
                 pf.out.contains(ready),
             QByteArray(pf.out + pf.err).constData());
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, local);
    QVERIFY(s.waitForConnected(5000));
    s.write("hello");
    // The server reports the refused dial on the error stream; kubectl prints it and gives up the connection.
    const QByteArray expected =
        QStringLiteral("error forwarding port 5000 to pod default/pod-1: dial tcp 127.0.0.1:%1")
            .arg(closed)
            .toUtf8();
    QVERIFY2(QTest::qWaitFor([&] { return pf.err.contains(expected); }, 30000),
             QByteArray(pf.err + "\n" + cluster.server.portForwardLog().join(QLatin1Char('\n')).toUtf8())
                 .constData());
    QVERIFY(QTest::qWaitFor([&] { return s.state() == QAbstractSocket::UnconnectedState; }, 30000));
}

QTEST_GUILESS_MAIN(TestDeployPortForward)
#include "tst_deploy_portforward.moc"
