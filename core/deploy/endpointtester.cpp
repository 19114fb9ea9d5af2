#include "endpointtester.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>

namespace iq::deploy {

namespace {

int freeLocalPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

} // namespace

EndpointTester::EndpointTester(KubectlSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{}

EndpointTester::~EndpointTester()
{
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
    if (KubectlRunner *forward = m_forward.data())
        forward->cancel();
}

void EndpointTester::setRequest(const QString &model, const QString &prompt, int maxTokens)
{
    m_model = model;
    m_prompt = prompt;
    m_maxTokens = maxTokens;
}

void EndpointTester::setTimeouts(int portForwardMs, int requestMs)
{
    m_portForwardTimeoutMs = portForwardMs;
    m_requestTimeoutMs = requestMs;
}

void EndpointTester::start(const DeployPlan &plan, int localPort)
{
    m_localPort = localPort > 0 ? localPort : freeLocalPort();
    const QStringList args = portForwardArguments(plan, m_localPort);
    if (args.isEmpty() || m_localPort <= 0) {
        EndpointTestResult r;
        r.message = args.isEmpty() ? QStringLiteral("the manifests have no Service to forward to")
                                   : QStringLiteral("no free local port on 127.0.0.1");
        QTimer::singleShot(0, this, [this, r] { finish(r); });
        return;
    }
    auto *forward = new KubectlRunner(m_settings, this);
    m_forward = forward;
    forward->setUseRequestTimeout(false); // the forward holds its connection open on purpose
    forward->setCallContext(
        {m_settings.context, {}, plan.ns, QStringLiteral("create"), QStringLiteral("pods/portforward")});
    // Listen on 127.0.0.1 only.
    QStringList full = args;
    full << QStringLiteral("--address=127.0.0.1") << QStringLiteral("--pod-running-timeout=30s");
    connect(forward, &KubectlRunner::output, this, [this](const QString &text) {
        m_forwardOutput += text;
        emit output(text);
        if (!m_requestSent &&
            m_forwardOutput.contains(QStringLiteral("Forwarding from 127.0.0.1:%1").arg(m_localPort))) {
            m_requestSent = true;
            sendRequest(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_localPort)));
        }
    });
    auto ended = [this](const QString &why) {
        KubectlRunner *runner = m_forward.data();
        if (m_done || !runner)
            return;
        EndpointTestResult r;
        const KubeFailure f = runner->failure();
        r.message = QStringLiteral("kubectl port-forward stopped before the answer: %1")
                        .arg(f.kind != FailureKind::None && !f.message.isEmpty() ? f.message : why);
        r.detail = m_forwardOutput.trimmed();
        finish(r);
    };
    connect(forward, &KubectlRunner::finished, this,
            [ended](int code) { ended(QStringLiteral("exit code %1").arg(code)); });
    connect(forward, &KubectlRunner::failed, this, [ended](const QString &message) { ended(message); });
    forward->setTimeout(m_portForwardTimeoutMs + m_requestTimeoutMs);
    forward->start(full);
    emit output(QStringLiteral("$ %1\n").arg(forward->displayCommand()));
    // The forward must be up within its own limit.
    QTimer::singleShot(m_portForwardTimeoutMs, this, [this] {
        if (m_done || m_requestSent)
            return;
        EndpointTestResult r;
        r.message = QStringLiteral("kubectl port-forward did not start forwarding within %1 s")
                        .arg(m_portForwardTimeoutMs / 1000);
        r.detail = m_forwardOutput.trimmed();
        finish(r);
    });
}

void EndpointTester::startDirect(const QUrl &baseUrl)
{
    m_requestSent = true;
    sendRequest(baseUrl);
}

void EndpointTester::sendRequest(const QUrl &baseUrl)
{
    QUrl url = baseUrl;
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path() + QStringLiteral("v1/completions")
                                                      : url.path() + QStringLiteral("/v1/completions"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_requestTimeoutMs);
    const QJsonObject body{{QStringLiteral("model"), m_model},
                           {QStringLiteral("prompt"), m_prompt},
                           {QStringLiteral("max_tokens"), m_maxTokens},
                           {QStringLiteral("temperature"), 0}};
    emit output(QStringLiteral("POST %1\n").arg(url.toString()));
    m_clock.start();
    m_reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(m_reply, &QNetworkReply::finished, this, [this, url] {
        QNetworkReply *reply = m_reply;
        if (!reply || m_done)
            return;
        EndpointTestResult r;
        r.url = url.toString();
        r.latencyMs = m_clock.elapsed();
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        const QJsonObject answer = QJsonDocument::fromJson(data).object();
        const QJsonArray choices = answer.value(QStringLiteral("choices")).toArray();
        r.answer = !choices.isEmpty() ? choices.first().toObject().value(QStringLiteral("text")).toString()
                                      : QString::fromUtf8(data.left(2000));
        if (reply->error() != QNetworkReply::NoError) {
            r.message = QStringLiteral("the request failed: %1").arg(reply->errorString());
        } else if (choices.isEmpty()) {
            r.message =
                QStringLiteral("HTTP %1 but the answer is not a completion (no choices)").arg(r.httpStatus);
        } else {
            r.ok = true;
            r.message = QStringLiteral("HTTP %1 in %2 ms").arg(r.httpStatus).arg(r.latencyMs);
        }
        reply->deleteLater();
        finish(r);
    });
}

void EndpointTester::cancel()
{
    EndpointTestResult r;
    r.message = QStringLiteral("cancelled");
    finish(r);
}

void EndpointTester::finish(EndpointTestResult result)
{
    if (m_done)
        return;
    m_done = true;
    if (QNetworkReply *reply = m_reply.data(); reply && !reply->isFinished())
        reply->abort();
    if (KubectlRunner *forward = m_forward.data()) {
        if (result.detail.isEmpty() && !result.ok)
            result.detail = m_forwardOutput.trimmed();
        forward->cancel(); // stops the port-forward
    }
    emit finished(result);
}

} // namespace iq::deploy
