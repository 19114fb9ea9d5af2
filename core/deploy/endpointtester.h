#pragma once
// "Test endpoint": starts `kubectl port-forward service/NAME LOCAL:PORT`, waits until kubectl reports that it
// forwards, sends one OpenAI-style completion request (POST /v1/completions) with Qt Network, reports the
// answer and the measured latency, and stops the port-forward. startDirect() skips the port-forward for an
// endpoint that is reachable as is.

#include "deployplan.h"
#include "kubectlrunner.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace iq::deploy {

struct EndpointTestResult
{
    bool ok = false;
    QString message;       // one line: what happened
    QString url;           // the URL requested
    int httpStatus = 0;    // 0 when no HTTP answer came
    QString answer;        // choices[0].text, or the body when it is not a completion
    qint64 latencyMs = -1; // request sent -> whole answer received (measured)
    QString detail;        // kubectl port-forward output on failure
};

class EndpointTester : public QObject
{
    Q_OBJECT
public:
    explicit EndpointTester(KubectlSettings settings, QObject *parent = nullptr);
    ~EndpointTester() override;

    // The request: model name (DeployPlan::servedModel), prompt and length. temperature is 0.
    void setRequest(const QString &model, const QString &prompt = QStringLiteral("San Francisco is a"),
                    int maxTokens = 32);
    void setTimeouts(int portForwardMs, int requestMs);

    // Port-forward to the plan's Service (context/namespace from the settings and plan). localPort 0 = a free
    // port chosen on 127.0.0.1.
    void start(const DeployPlan &plan, int localPort = 0);
    // No port-forward: POST baseUrl + "/v1/completions".
    void startDirect(const QUrl &baseUrl);
    void cancel();

signals:
    void output(const QString &text); // kubectl port-forward's output and progress lines
    void finished(const iq::deploy::EndpointTestResult &result);

private:
    void sendRequest(const QUrl &baseUrl);
    void finish(EndpointTestResult result);

    KubectlSettings m_settings;
    QString m_model;
    QString m_prompt;
    int m_maxTokens = 32;
    int m_portForwardTimeoutMs = 60000;
    int m_requestTimeoutMs = 300000;
    QPointer<KubectlRunner> m_forward;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    QString m_forwardOutput;
    int m_localPort = 0;
    bool m_requestSent = false;
    bool m_done = false;
};

} // namespace iq::deploy
