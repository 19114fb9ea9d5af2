#include "fakemodelserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace iqtest {

FakeModelServer::FakeModelServer(int status, QByteArray body, QObject *parent)
    : QObject(parent)
    , m_status(status)
    , m_body(std::move(body))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QObject::destroyed, this, [this, s] { m_buffers.remove(s); });
        }
    });
}

void FakeModelServer::onData(QTcpSocket *s)
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
    m_lastRequest = buf;
    ++m_requests;
    const QByteArray reply = "HTTP/1.1 " + QByteArray::number(m_status) +
                             " X\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                             QByteArray::number(m_body.size()) + "\r\nConnection: close\r\n\r\n" + m_body;
    s->write(reply);
    s->disconnectFromHost();
    m_buffers.remove(s);
}

QByteArray completionBody(const QString &model, const QString &text)
{
    const QJsonObject answer{
        {QStringLiteral("id"), QStringLiteral("cmpl-test")},
        {QStringLiteral("object"), QStringLiteral("text_completion")},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("text"), text},
                                {QStringLiteral("finish_reason"), QStringLiteral("length")}}}}};
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}

} // namespace iqtest
