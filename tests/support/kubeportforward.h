#pragma once
// The pods/NAME/portforward subresource of the Kubernetes API test server (kubeapiserver.h): one upgraded
// connection from `kubectl port-forward`, served as the kubelet would, relaying each forwarded connection to
// a real TCP port on 127.0.0.1.
//
// Transports (kubectl v1.32 tries the first and falls back to the second when the upgrade is refused):
//   GET  + "Upgrade: websocket", subprotocol "SPDY/3.1+portforward.k8s.io": SPDY/3.1 frames carried in
//        WebSocket binary messages (client-go's tunneling dialer, KEP-4006)
//   POST + "Upgrade: SPDY/3.1", "X-Stream-Protocol-Version: portforward.k8s.io": SPDY/3.1 on the raw socket
// SPDY/3.1 as client-go/spdystream speak it: the client opens an "error" and a "data" stream per forwarded
// connection (SYN_STREAM headers streamtype, port, requestid; header blocks zlib-compressed with the SPDY/3
// dictionary, one zlib stream per direction), the server answers SYN_REPLY, relays DATA frames between the
// data stream and a TCP connection to the target, and when the target closes sends FIN on both streams. A
// failed connection is reported as text on the error stream (kubectl prints it). PING is echoed,
// RST_STREAM/GOAWAY close the target, SETTINGS and WINDOW_UPDATE are ignored (the forwarded payloads in the
// tests stay within what spdystream accepts without them), and a client FIN on the data stream becomes a TCP
// half-close towards the target once everything before it was written.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QTcpSocket;

namespace iqtest {

class KubePortForwardSession : public QObject
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>; // request headers, names lower-case
    // Local TCP port on 127.0.0.1 for a container port of the pod; 0 = none (the stream gets an error).
    using Resolver = std::function<quint16(int containerPort)>;
    using Logger = std::function<void(const QString &line)>;

    // Answers the upgrade request on `socket` (method, headers). On success writes "101 Switching Protocols",
    // creates a session that owns the socket's reads from now on (a child of the socket) and returns it;
    // otherwise writes an error answer (400, which client-go treats as an upgrade failure), closes the
    // connection and returns nullptr. `leftover` = bytes already read after the request.
    static KubePortForwardSession *upgrade(QTcpSocket *socket, const QByteArray &method,
                                           const Headers &headers, const QByteArray &leftover,
                                           bool allowWebSockets, const QString &podLabel, Resolver resolver,
                                           Logger logger);
    ~KubePortForwardSession() override;

private:
    struct Forward
    {
        quint32 errorStream = 0;
        quint32 dataStream = 0;
        int port = 0;
        QPointer<QTcpSocket> target;
        QByteArray pending; // client data that arrived before the target connection was up
        bool connected = false;
        bool ended = false;
        bool clientFin = false;  // the client sent FIN on the data stream
        bool halfClosed = false; // ... and it was passed on as a TCP half-close (shutdown SHUT_WR)
        qint64 bytesUp = 0;
        qint64 bytesDown = 0;
    };
    struct Zlib;

    KubePortForwardSession(QTcpSocket *socket, bool webSocket, QString podLabel, Resolver resolver,
                           Logger logger);
    void onReadyRead();
    void feed(const QByteArray &bytes);
    bool readWebSocketFrame();
    bool readSpdyFrame();
    void onControlFrame(quint16 type, quint8 flags, const QByteArray &payload);
    void onDataFrame(quint32 streamId, quint8 flags, const QByteArray &payload);
    void onSynStream(quint32 streamId, const QByteArray &headerBlock);
    void startTarget(const QString &requestId);
    void onTargetData(const QString &requestId);
    void relayHalfClose(const QString &requestId);
    void endForward(const QString &requestId, const QString &error);
    void sendFrame(const QByteArray &spdyFrame);
    void sendData(quint32 streamId, const QByteArray &data, bool fin);
    void sendRst(quint32 streamId, quint32 status);
    void closeAll(const QString &why);
    QString forwardOf(quint32 streamId) const;

    QTcpSocket *m_socket;
    bool m_webSocket;
    QString m_podLabel;
    Resolver m_resolver;
    Logger m_logger;
    std::unique_ptr<Zlib> m_zlib;
    QByteArray m_wire;                  // raw socket bytes not yet parsed (WebSocket frames)
    QByteArray m_spdy;                  // SPDY byte stream not yet parsed
    QHash<QString, Forward> m_forwards; // by requestid
    bool m_closed = false;
};

} // namespace iqtest
