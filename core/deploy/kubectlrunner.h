#pragma once
// One kubectl invocation: an asynchronous QProcess started with an argument list (never a shell), its
// standard input written from memory, its output streamed as it arrives, and every way it can end turned
// into exactly one of finished() (the process exited, any code) or failed() (not started, crashed, timed
// out, cancelled). The event loop never blocks while kubectl runs.
//
// Secrets: setStandardInput(data, sensitive=true) keeps the bytes off every command line and log; with
// setRedactions() any listed string (and its base64) that kubectl echoes is replaced by "***" before it
// is emitted or stored.

#include "kubefailure.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringDecoder>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

namespace iq::deploy {

// Where kubectl is and how every call addresses the cluster.
struct KubectlSettings
{
    QString program;    // absolute path of kubectl (findKubectl())
    QString kubeconfig; // --kubeconfig; empty = kubectl's own rule (KUBECONFIG, then ~/.kube/config)
    QString context;    // --context; empty = the kubeconfig's current context
    QString requestTimeout = QStringLiteral("30s"); // --request-timeout on calls that talk to the server
    QProcessEnvironment environment =
        QProcessEnvironment::systemEnvironment(); // KUBECONFIG is read from here
};

// kubectl from `preferred` (a path set in preferences; used only when it is an executable file), else the
// PATH of `env`. Empty when not found; *error then says where it looked.
QString findKubectl(const QString &preferred, const QProcessEnvironment &env, QString *error);

class KubectlRunner : public QObject
{
    Q_OBJECT
public:
    explicit KubectlRunner(KubectlSettings settings, QObject *parent = nullptr);
    ~KubectlRunner() override; // kills a process still running

    // Data written to kubectl's standard input, then closed. Sensitive data is never echoed anywhere.
    void setStandardInput(const QByteArray &data, bool sensitive = false);
    // Strings that must never appear in emitted/stored output (the token) nor their base64. Output stays
    // live: the last few bytes of each read are held back until the next read, so that a secret split across
    // two reads is still caught.
    void setRedactions(const QList<QByteArray> &secrets);
    // Our own limit: the process is killed and failed() emitted after `ms` (0 = none; default 0).
    void setTimeout(int ms);
    // What the call is about, for failure messages (verb/resource/namespace).
    void setCallContext(const KubeCallContext &call) { m_call = call; }
    // --request-timeout is added unless disabled: `kubectl config ...` does not talk to the server, and
    // `rollout status` / `port-forward` hold a request open for longer on purpose.
    void setUseRequestTimeout(bool use) { m_useRequestTimeout = use; }

    // Starts `kubectl <global flags> <args>`. Global flags: --kubeconfig, --context, --request-timeout.
    void start(const QStringList &args);
    // Stops waiting: kills the process; emits failed("cancelled"). Never deletes anything in the cluster.
    void cancel();

    bool isRunning() const;
    bool wasCancelled() const { return m_cancelled; }
    QString program() const { return m_settings.program; }
    QStringList arguments() const { return m_arguments; } // as started, global flags included
    QString displayCommand() const;                       // "kubectl apply -f - ..." for the log view
    int exitCode() const { return m_exitCode; }
    QByteArray standardOutput() const { return m_stdout; } // redacted
    QString standardError() const;                         // redacted
    qint64 elapsedMs() const;
    KubeFailure failure() const { return m_failure; } // kind None after exit code 0

    // Every process any runner starts is reported here first (program, arguments): tests assert on it, and
    // `iq deploy` writes it to $IQ_DEPLOY_COMMAND_LOG when that is set. Arguments never hold secrets.
    using CommandObserver = std::function<void(const QString &program, const QStringList &arguments)>;
    static void setCommandObserver(CommandObserver observer);

signals:
    void aboutToStart(const QString &displayCommand); // just before the process is started (for the log)
    void started();
    void output(const QString &text);    // stdout and stderr as they arrive (redacted)
    void finished(int exitCode);         // the process exited; failure() classifies a non-zero code
    void failed(const QString &message); // it did not run to an exit (not found, crashed, timeout, cancel)

private:
    void onReadyRead(QProcess::ProcessChannel channel);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void fail(FailureKind kind, const QString &message);
    QByteArray redact(QByteArray data) const;
    void emitText(const QByteArray &raw, QStringDecoder &decoder);
    void emitRedacted(QByteArray &pending, QStringDecoder &decoder, bool flush);

    KubectlSettings m_settings;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdin;
    bool m_stdinSensitive = false;
    QList<QByteArray> m_redactions;
    qsizetype m_holdBack = 0; // longest redaction - 1
    QByteArray m_pendingOut;
    QByteArray m_pendingErr;
    int m_timeoutMs = 0;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    qint64 m_elapsedAtEnd = -1;
    KubeCallContext m_call;
    bool m_useRequestTimeout = true;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QStringDecoder m_outDecoder{QStringDecoder::Utf8};
    QStringDecoder m_errDecoder{QStringDecoder::Utf8};
    int m_exitCode = -1;
    bool m_cancelled = false;
    bool m_done = false;
    KubeFailure m_failure;
};

} // namespace iq::deploy
