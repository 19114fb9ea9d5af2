#pragma once
// A stand-in for a model server's HTTP endpoint on 127.0.0.1: answers every request with a fixed status and
// JSON body (Connection: close) and keeps the last request, so tests can check what arrived. Used behind
// the API test server's port-forward (KubeApiServer::setPortForwardTarget) and directly.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace iqtest {

class FakeModelServer : public QObject
{
    Q_OBJECT
public:
    FakeModelServer(int status, QByteArray body, QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    QByteArray lastRequest() const { return m_lastRequest; } // headers and body, as received
    int requestCount() const { return m_requests; }

private:
    void onData(QTcpSocket *socket);

    QTcpServer m_server;
    int m_status;
    QByteArray m_body;
    QByteArray m_lastRequest;
    int m_requests = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// An OpenAI completion answer whose choices[0].text is `text`.
QByteArray completionBody(const QString &model, const QString &text);

} // namespace iqtest
