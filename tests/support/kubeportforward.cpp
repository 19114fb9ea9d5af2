#include "kubeportforward.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtEndian>

#include <zlib.h>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace iqtest {

namespace {

constexpr quint16 kSynStream = 1;
constexpr quint16 kSynReply = 2;
constexpr quint16 kRstStream = 3;
constexpr quint16 kSettings = 4;
constexpr quint16 kPing = 6;
constexpr quint16 kGoAway = 7;
constexpr quint16 kHeaders = 8;
constexpr quint16 kWindowUpdate = 9;
constexpr quint8 kFlagFin = 0x01;
constexpr quint32 kRstProtocolError = 1;
constexpr int kMaxDataChunk = 16384;

const QByteArray kTunnelProtocol = QByteArrayLiteral("SPDY/3.1+portforward.k8s.io");
const QByteArray kStreamProtocol = QByteArrayLiteral("portforward.k8s.io");

// The SPDY/3 header compression dictionary (SPDY protocol draft 3, section 2.6.10.1): 65 length-prefixed
// header names and words, then a run of status codes, reason phrases, dates and common values.
const QByteArray &spdyDictionary()
{
    static const QByteArray dictionary = [] {
        static const char *const words[] = {"options",
                                            "head",
                                            "post",
                                            "put",
                                            "delete",
                                            "trace",
                                            "accept",
                                            "accept-charset",
                                            "accept-encoding",
                                            "accept-language",
                                            "accept-ranges",
                                            "age",
                                            "allow",
                                            "authorization",
                                            "cache-control",
                                            "connection",
                                            "content-base",
                                            "content-encoding",
                                            "content-language",
                                            "content-length",
                                            "content-location",
                                            "content-md5",
                                            "content-range",
                                            "content-type",
                                            "date",
                                            "etag",
                                            "expect",
                                            "expires",
                                            "from",
                                            "host",
                                            "if-match",
                                            "if-modified-since",
                                            "if-none-match",
                                            "if-range",
                                            "if-unmodified-since",
                                            "last-modified",
                                            "location",
                                            "max-forwards",
                                            "pragma",
                                            "proxy-authenticate",
                                            "proxy-authorization",
                                            "range",
                                            "referer",
                                            "retry-after",
                                            "server",
                                            "te",
                                            "trailer",
                                            "transfer-encoding",
                                            "upgrade",
                                            "user-agent",
                                            "vary",
                                            "via",
                                            "warning",
                                            "www-authenticate",
                                            "method",
                                            "get",
                                            "status",
                                            "200 OK",
                                            "version",
                                            "HTTP/1.1",
                                            "url",
                                            "public",
                                            "set-cookie",
                                            "keep-alive",
                                            "origin"};
        QByteArray d;
        for (const char *w : words) {
            const QByteArray word(w);
            char length[4];
            qToBigEndian<quint32>(quint32(word.size()), length);
            d.append(length, 4).append(word);
        }
        d += "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505"
             "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request"
             "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented"
             "503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 "
             "Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,"
             "application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivatemax-age="
             "gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";
        return d;
    }();
    return dictionary;
}

quint32 be32(const QByteArray &data, qsizetype at)
{
    return qFromBigEndian<quint32>(data.constData() + at);
}

QByteArray bytes32(quint32 value)
{
    char b[4];
    qToBigEndian<quint32>(value, b);
    return QByteArray(b, 4);
}

QByteArray controlFrame(quint16 type, quint8 flags, const QByteArray &payload)
{
    QByteArray f;
    f += bytes32(0x80000000u | (3u << 16) | type);
    f += bytes32((quint32(flags) << 24) | quint32(payload.size()));
    return f + payload;
}

QByteArray webSocketFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray f;
    f += char(0x80 | opcode); // FIN, unmasked (server to client)
    if (payload.size() < 126) {
        f += char(payload.size());
    } else if (payload.size() <= 0xffff) {
        f += char(126);
        char b[2];
        qToBigEndian<quint16>(quint16(payload.size()), b);
        f.append(b, 2);
    } else {
        f += char(127);
        char b[8];
        qToBigEndian<quint64>(quint64(payload.size()), b);
        f.append(b, 8);
    }
    return f + payload;
}

QByteArray headerValues(const KubePortForwardSession::Headers &headers, const QByteArray &name)
{
    QByteArrayList values;
    for (const auto &[n, v] : headers) {
        if (n == name)
            values << v;
    }
    return values.join(',');
}

bool listContains(const QByteArray &list, const QByteArray &token)
{
    for (const QByteArray &item : list.split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void refuse(QTcpSocket *socket, const QString &message)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                  {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                  {QStringLiteral("metadata"), QJsonObject()},
                                  {QStringLiteral("status"), QStringLiteral("Failure")},
                                  {QStringLiteral("message"), message},
                                  {QStringLiteral("reason"), QStringLiteral("BadRequest")},
                                  {QStringLiteral("code"), 400}})
            .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

// The two header-compression contexts of one SPDY session (one zlib stream per direction, SPDY/3 dictionary).
struct KubePortForwardSession::Zlib
{
    z_stream out{};
    z_stream in{};
    bool ok = false;

    Zlib()
    {
        ok = deflateInit(&out, Z_DEFAULT_COMPRESSION) == Z_OK &&
             deflateSetDictionary(&out, reinterpret_cast<const Bytef *>(spdyDictionary().constData()),
                                  uInt(spdyDictionary().size())) == Z_OK &&
             inflateInit(&in) == Z_OK;
    }
    ~Zlib()
    {
        deflateEnd(&out);
        inflateEnd(&in);
    }
    Zlib(const Zlib &) = delete;
    Zlib &operator=(const Zlib &) = delete;

    QByteArray compress(const QByteArray &raw)
    {
        QByteArray result;
        QByteArray input = raw;
        out.next_in = reinterpret_cast<Bytef *>(input.data());
        out.avail_in = uInt(input.size());
        char buffer[4096];
        do {
            out.next_out = reinterpret_cast<Bytef *>(buffer);
            out.avail_out = sizeof buffer;
            if (deflate(&out, Z_SYNC_FLUSH) == Z_STREAM_ERROR)
                return {};
            result.append(buffer, qsizetype(sizeof buffer - out.avail_out));
        } while (out.avail_out == 0);
        return result;
    }

    bool decompress(const QByteArray &block, QByteArray *raw)
    {
        QByteArray input = block;
        in.next_in = reinterpret_cast<Bytef *>(input.data());
        in.avail_in = uInt(input.size());
        char buffer[4096];
        for (;;) {
            in.next_out = reinterpret_cast<Bytef *>(buffer);
            in.avail_out = sizeof buffer;
            int r = inflate(&in, Z_SYNC_FLUSH);
            if (r == Z_NEED_DICT) {
                if (inflateSetDictionary(&in, reinterpret_cast<const Bytef *>(spdyDictionary().constData()),
                                         uInt(spdyDictionary().size())) != Z_OK)
                    return false;
                r = Z_OK;
            }
            raw->append(buffer, qsizetype(sizeof buffer - in.avail_out));
            if (r == Z_BUF_ERROR && in.avail_in == 0)
                return true;
            if (r != Z_OK)
                return false;
            if (in.avail_in == 0 && in.avail_out != 0)
                return true;
        }
    }
};

KubePortForwardSession *KubePortForwardSession::upgrade(QTcpSocket *socket, const QByteArray &method,
                                                        const Headers &headers, const QByteArray &leftover,
                                                        bool allowWebSockets, const QString &podLabel,
                                                        Resolver resolver, Logger logger)
{
    const QByteArray upgradeTo = headerValues(headers, "upgrade");
    QByteArray answer;
    bool webSocket = false;
    if (listContains(upgradeTo, "websocket")) {
        const QByteArray key = headerValues(headers, "sec-websocket-key").trimmed();
        const bool offered = listContains(headerValues(headers, "sec-websocket-protocol"), kTunnelProtocol);
        if (!allowWebSockets || method != "GET" || key.isEmpty() || !offered) {
            logger(QStringLiteral("refused websocket upgrade for %1").arg(podLabel));
            refuse(socket, allowWebSockets
                               ? QStringLiteral("websocket upgrade needs GET, Sec-WebSocket-Key and "
                                                "the subprotocol %1")
                                     .arg(QString::fromLatin1(kTunnelProtocol))
                               : QStringLiteral("websocket port-forward is switched off on this "
                                                "test server"));
            return nullptr;
        }
        const QByteArray accept =
            QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                     QCryptographicHash::Sha1)
                .toBase64();
        answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: " +
                 accept + "\r\nSec-WebSocket-Protocol: " + kTunnelProtocol + "\r\n\r\n";
        webSocket = true;
    } else if (listContains(upgradeTo, "SPDY/3.1")) {
        if (!listContains(headerValues(headers, "x-stream-protocol-version"), kStreamProtocol)) {
            refuse(socket, QStringLiteral("X-Stream-Protocol-Version must offer %1")
                               .arg(QString::fromLatin1(kStreamProtocol)));
            return nullptr;
        }
        answer = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                 "X-Stream-Protocol-Version: " +
                 kStreamProtocol + "\r\n\r\n";
    } else {
        refuse(socket, QStringLiteral("Upgrade request required"));
        return nullptr;
    }
    auto *session =
        new KubePortForwardSession(socket, webSocket, podLabel, std::move(resolver), std::move(logger));
    if (!session->m_zlib->ok) {
        delete session;
        refuse(socket, QStringLiteral("zlib could not be initialised"));
        return nullptr;
    }
    session->m_logger(QStringLiteral("upgrade %1 %2")
                          .arg(webSocket ? QStringLiteral("websocket") : QStringLiteral("spdy"), podLabel));
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // frames go out as written (TCP_NODELAY)
    socket->write(answer);
    connect(socket, &QTcpSocket::readyRead, session, &KubePortForwardSession::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, session,
            [session] { session->closeAll(QStringLiteral("client disconnected")); });
    if (!leftover.isEmpty())
        session->feed(leftover);
    return session;
}

KubePortForwardSession::KubePortForwardSession(QTcpSocket *socket, bool webSocket, QString podLabel,
                                               Resolver resolver, Logger logger)
    : QObject(socket)
    , m_socket(socket)
    , m_webSocket(webSocket)
    , m_podLabel(std::move(podLabel))
    , m_resolver(std::move(resolver))
    , m_logger(std::move(logger))
    , m_zlib(std::make_unique<Zlib>())
{}

KubePortForwardSession::~KubePortForwardSession()
{
    for (const Forward &f : std::as_const(m_forwards)) {
        if (QTcpSocket *t = f.target.data()) {
            t->disconnect(this);
            t->abort();
        }
    }
}

void KubePortForwardSession::onReadyRead()
{
    feed(m_socket->readAll());
}

void KubePortForwardSession::feed(const QByteArray &bytes)
{
    if (m_closed)
        return;
    if (m_webSocket) {
        m_wire += bytes;
        while (!m_closed && readWebSocketFrame()) {
        }
    } else {
        m_spdy += bytes;
    }
    while (!m_closed && readSpdyFrame()) {
    }
}

// One client WebSocket frame (masked): binary and continuation payloads are the SPDY byte stream.
bool KubePortForwardSession::readWebSocketFrame()
{
    if (m_wire.size() < 2)
        return false;
    const quint8 b0 = quint8(m_wire.at(0));
    const quint8 b1 = quint8(m_wire.at(1));
    const quint8 opcode = b0 & 0x0f;
    const bool masked = b1 & 0x80;
    quint64 length = b1 & 0x7f;
    qsizetype pos = 2;
    if (length == 126) {
        if (m_wire.size() < 4)
            return false;
        length = qFromBigEndian<quint16>(m_wire.constData() + 2);
        pos = 4;
    } else if (length == 127) {
        if (m_wire.size() < 10)
            return false;
        length = qFromBigEndian<quint64>(m_wire.constData() + 2);
        pos = 10;
    }
    if (length > (1u << 26)) {
        closeAll(QStringLiteral("websocket frame of %1 bytes is too large").arg(length));
        return false;
    }
    const qsizetype maskAt = pos;
    if (masked)
        pos += 4;
    if (m_wire.size() < pos + qsizetype(length))
        return false;
    QByteArray payload = m_wire.mid(pos, qsizetype(length));
    if (masked) {
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ m_wire.at(maskAt + i % 4));
    }
    m_wire.remove(0, pos + qsizetype(length));
    switch (opcode) {
    case 0x0: // continuation
    case 0x2: // binary
        m_spdy += payload;
        break;
    case 0x8: // close: answer with the same status and close
        m_socket->write(webSocketFrame(0x8, payload.left(2)));
        closeAll(QStringLiteral("websocket close from the client"));
        return false;
    case 0x9: // ping
        m_socket->write(webSocketFrame(0xA, payload));
        break;
    case 0xA: // pong
        break;
    default: // text frames are not part of the tunnel protocol
        closeAll(QStringLiteral("unexpected websocket opcode %1").arg(opcode));
        return false;
    }
    return true;
}

bool KubePortForwardSession::readSpdyFrame()
{
    if (m_spdy.size() < 8)
        return false;
    const quint32 first = be32(m_spdy, 0);
    const quint32 second = be32(m_spdy, 4);
    const quint8 flags = quint8(second >> 24);
    const qsizetype length = qsizetype(second & 0xffffff);
    if (m_spdy.size() < 8 + length)
        return false;
    const QByteArray payload = m_spdy.mid(8, length);
    m_spdy.remove(0, 8 + length);
    if (first & 0x80000000u) {
        const quint16 version = quint16((first >> 16) & 0x7fff);
        if (version != 3) {
            closeAll(QStringLiteral("SPDY version %1 is not supported").arg(version));
            return false;
        }
        onControlFrame(quint16(first & 0xffff), flags, payload);
    } else {
        onDataFrame(first & 0x7fffffff, flags, payload);
    }
    return true;
}

void KubePortForwardSession::onControlFrame(quint16 type, quint8 flags, const QByteArray &payload)
{
    switch (type) {
    case kSynStream:
        if (payload.size() < 10)
            return closeAll(QStringLiteral("short SYN_STREAM"));
        onSynStream(be32(payload, 0) & 0x7fffffff, payload.mid(10));
        break;
    case kHeaders: { // keeps the decompression context in step; the headers themselves are not used
        QByteArray ignored;
        if (payload.size() < 4 || !m_zlib->decompress(payload.mid(4), &ignored))
            closeAll(QStringLiteral("bad HEADERS header block"));
        break;
    }
    case kRstStream: {
        if (payload.size() < 8)
            return closeAll(QStringLiteral("short RST_STREAM"));
        const quint32 streamId = be32(payload, 0) & 0x7fffffff;
        const QString id = forwardOf(streamId);
        m_logger(QStringLiteral("RST_STREAM %1 status %2").arg(streamId).arg(be32(payload, 4)));
        if (!id.isEmpty() && m_forwards.value(id).dataStream == streamId) {
            Forward f = m_forwards.take(id);
            if (QTcpSocket *t = f.target.data()) {
                t->disconnect(this);
                t->abort();
                t->deleteLater();
            }
        }
        break;
    }
    case kPing: // echo: the client's pings keep the connection alive
        if (payload.size() == 4)
            sendFrame(controlFrame(kPing, 0, payload));
        break;
    case kGoAway:
        closeAll(QStringLiteral("GOAWAY from the client"));
        break;
    case kSynReply: // the server opens no streams
    case kSettings:
    case kWindowUpdate:
        break;
    default:
        m_logger(QStringLiteral("ignored SPDY control frame type %1 flags %2").arg(type).arg(flags));
        break;
    }
}

void KubePortForwardSession::onSynStream(quint32 streamId, const QByteArray &headerBlock)
{
    QByteArray raw;
    if (!m_zlib->decompress(headerBlock, &raw) || raw.size() < 4)
        return closeAll(QStringLiteral("SYN_STREAM %1: the header block does not decompress").arg(streamId));
    QHash<QByteArray, QByteArray> headers;
    const quint32 count = be32(raw, 0);
    qsizetype pos = 4;
    for (quint32 i = 0; i < count; ++i) {
        if (raw.size() < pos + 4)
            return closeAll(QStringLiteral("SYN_STREAM %1: truncated header block").arg(streamId));
        const qsizetype nameLength = be32(raw, pos);
        if (raw.size() < pos + 4 + nameLength + 4)
            return closeAll(QStringLiteral("SYN_STREAM %1: truncated header block").arg(streamId));
        const QByteArray name = raw.mid(pos + 4, nameLength);
        pos += 4 + nameLength;
        const qsizetype valueLength = be32(raw, pos);
        if (raw.size() < pos + 4 + valueLength)
            return closeAll(QStringLiteral("SYN_STREAM %1: truncated header block").arg(streamId));
        headers.insert(name, raw.mid(pos + 4, valueLength).split('\0').first());
        pos += 4 + valueLength;
    }
    const QByteArray type = headers.value("streamtype");
    bool portOk = false;
    const int port = headers.value("port").toInt(&portOk);
    // Older clients send no requestid; they pair streams by id (error n, data n+2).
    const QString requestId = headers.contains("requestid")
                                  ? QString::fromLatin1(headers.value("requestid"))
                                  : QString::number(type == "data" ? streamId - 2 : streamId);
    m_logger(QStringLiteral("SYN_STREAM %1 streamtype=%2 port=%3 requestid=%4")
                 .arg(streamId)
                 .arg(QString::fromLatin1(type), QString::fromLatin1(headers.value("port")), requestId));
    if ((type != "data" && type != "error") || !portOk || port < 1 || port > 65535) {
        sendRst(streamId, kRstProtocolError);
        return;
    }
    // SYN_REPLY with an empty header block.
    sendFrame(controlFrame(kSynReply, 0, bytes32(streamId) + m_zlib->compress(bytes32(0))));
    Forward &f = m_forwards[requestId];
    f.port = port;
    if (type == "error") {
        f.errorStream = streamId;
    } else {
        f.dataStream = streamId;
        startTarget(requestId);
    }
}

void KubePortForwardSession::startTarget(const QString &requestId)
{
    Forward &f = m_forwards[requestId];
    const quint16 local = m_resolver(f.port);
    if (local == 0) {
        endForward(
            requestId,
            QStringLiteral("error forwarding port %1 to pod %2: the test server has no target for this "
                           "port (KubeApiServer::setPortForwardTarget)")
                .arg(f.port)
                .arg(m_podLabel));
        return;
    }
    auto *target = new QTcpSocket(this);
    f.target = target;
    m_logger(
        QStringLiteral("connect requestid=%1 port=%2 -> 127.0.0.1:%3").arg(requestId).arg(f.port).arg(local));
    connect(target, &QTcpSocket::connected, this, [this, requestId] {
        auto it = m_forwards.find(requestId);
        if (it == m_forwards.end() || !it->target)
            return;
        it->connected = true;
        if (!it->pending.isEmpty()) {
            it->target->write(it->pending);
            it->pending.clear();
        }
        relayHalfClose(requestId);
    });
    connect(target, &QTcpSocket::bytesWritten, this, [this, requestId] { relayHalfClose(requestId); });
    connect(target, &QTcpSocket::readyRead, this, [this, requestId] { onTargetData(requestId); });
    connect(target, &QTcpSocket::disconnected, this, [this, requestId] {
        onTargetData(requestId);
        endForward(requestId, QString());
    });
    connect(target, &QTcpSocket::errorOccurred, this, [this, requestId, local](QAbstractSocket::SocketError) {
        auto it = m_forwards.find(requestId);
        if (it == m_forwards.end() || !it->target)
            return;
        if (!it->connected) {
            endForward(requestId,
                       QStringLiteral("error forwarding port %1 to pod %2: dial tcp 127.0.0.1:%3: %4")
                           .arg(it->port)
                           .arg(m_podLabel)
                           .arg(local)
                           .arg(it->target->errorString()));
        } else if (it->target->state() == QAbstractSocket::UnconnectedState) {
            onTargetData(requestId);
            endForward(requestId, QString());
        }
    });
    target->connectToHost(QHostAddress::LocalHost, local);
    target->setSocketOption(QAbstractSocket::LowDelayOption, 1); // TCP_NODELAY, as Go's net.Dial sets it
}

void KubePortForwardSession::onTargetData(const QString &requestId)
{
    auto it = m_forwards.find(requestId);
    if (it == m_forwards.end() || !it->target || it->ended)
        return;
    const QByteArray data = it->target->readAll();
    if (data.isEmpty())
        return;
    it->bytesDown += data.size();
    sendData(it->dataStream, data, false);
}

void KubePortForwardSession::onDataFrame(quint32 streamId, quint8 flags, const QByteArray &payload)
{
    const QString id = forwardOf(streamId);
    if (id.isEmpty())
        return; // a stream already ended or reset
    Forward &f = m_forwards[id];
    if (streamId != f.dataStream)
        return; // nothing is read from the error stream
    f.bytesUp += payload.size();
    if (!payload.isEmpty()) {
        if (f.connected && f.target)
            f.target->write(payload);
        else
            f.pending += payload;
    }
    if (flags & kFlagFin) {
        m_logger(QStringLiteral("FIN from the client on stream %1").arg(streamId));
        f.clientFin = true;
        relayHalfClose(id);
    }
}

// The client will send no more: once the target has everything, shut down our sending side so that it reads
// end-of-file (a server that answers at EOF, or an echo server, then closes and the forward ends).
void KubePortForwardSession::relayHalfClose(const QString &requestId)
{
    auto it = m_forwards.find(requestId);
    if (it == m_forwards.end() || !it->clientFin || it->halfClosed || !it->connected)
        return;
    QTcpSocket *target = it->target.data();
    if (!target || target->bytesToWrite() > 0)
        return;
    it->halfClosed = true;
#ifdef Q_OS_UNIX
    if (const qintptr fd = target->socketDescriptor(); fd >= 0)
        ::shutdown(int(fd), SHUT_WR);
#endif
}

void KubePortForwardSession::endForward(const QString &requestId, const QString &error)
{
    auto it = m_forwards.find(requestId);
    if (it == m_forwards.end() || it->ended)
        return;
    it->ended = true;
    if (!error.isEmpty() && it->errorStream != 0)
        sendData(it->errorStream, error.toUtf8(), false);
    if (it->dataStream != 0)
        sendData(it->dataStream, {}, true);
    if (it->errorStream != 0)
        sendData(it->errorStream, {}, true);
    m_logger(error.isEmpty() ? QStringLiteral("forward requestid=%1 done: %2 bytes to the target, %3 back")
                                   .arg(requestId)
                                   .arg(it->bytesUp)
                                   .arg(it->bytesDown)
                             : QStringLiteral("forward requestid=%1 failed: %2").arg(requestId, error));
    if (QTcpSocket *t = it->target.data()) {
        t->disconnect(this);
        t->abort();
        t->deleteLater();
    }
    m_forwards.erase(it);
}

void KubePortForwardSession::sendFrame(const QByteArray &spdyFrame)
{
    if (m_closed)
        return;
    m_socket->write(m_webSocket ? webSocketFrame(0x2, spdyFrame) : spdyFrame);
}

void KubePortForwardSession::sendData(quint32 streamId, const QByteArray &data, bool fin)
{
    qsizetype pos = 0;
    do {
        const QByteArray chunk = data.mid(pos, kMaxDataChunk);
        pos += chunk.size();
        const bool last = pos >= data.size();
        QByteArray f = bytes32(streamId & 0x7fffffff);
        f += bytes32((quint32(last && fin ? kFlagFin : 0) << 24) | quint32(chunk.size()));
        sendFrame(f + chunk);
    } while (pos < data.size());
}

void KubePortForwardSession::sendRst(quint32 streamId, quint32 status)
{
    sendFrame(controlFrame(kRstStream, 0, bytes32(streamId) + bytes32(status)));
}

void KubePortForwardSession::closeAll(const QString &why)
{
    if (m_closed)
        return;
    m_closed = true;
    m_logger(QStringLiteral("session for %1 closed: %2").arg(m_podLabel, why));
    for (const Forward &f : std::as_const(m_forwards)) {
        if (QTcpSocket *t = f.target.data()) {
            t->disconnect(this);
            t->abort();
        }
    }
    m_forwards.clear();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->disconnectFromHost();
}

QString KubePortForwardSession::forwardOf(quint32 streamId) const
{
    if (streamId == 0) // not a stream; also the "not yet opened" value in Forward
        return {};
    for (auto it = m_forwards.cbegin(); it != m_forwards.cend(); ++it) {
        if (it->dataStream == streamId || it->errorStream == streamId)
            return it.key();
    }
    return {};
}

} // namespace iqtest
