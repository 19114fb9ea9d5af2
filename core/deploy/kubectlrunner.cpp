#include "kubectlrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace iq::deploy {

namespace {

KubectlRunner::CommandObserver &commandObserver()
{
    static KubectlRunner::CommandObserver observer;
    return observer;
}

QString quoteForDisplay(const QString &arg)
{
    static const QString safe = QStringLiteral("-_=./:,@%+");
    bool plain = !arg.isEmpty();
    for (const QChar c : arg) {
        if (!c.isLetterOrNumber() && !safe.contains(c)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return arg;
    QString q = arg;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

QString findKubectl(const QString &preferred, const QProcessEnvironment &env, QString *error)
{
    if (!preferred.isEmpty()) {
        const QFileInfo fi(preferred);
        if (fi.isFile() && fi.isExecutable())
            return fi.absoluteFilePath();
        *error = QStringLiteral("kubectl not found: the configured path %1 is not an executable file")
                     .arg(preferred);
        return {};
    }
    const QString path = env.value(QStringLiteral("PATH"));
    const QStringList dirs = path.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    const QString found = QStandardPaths::findExecutable(QStringLiteral("kubectl"), dirs);
    if (found.isEmpty()) {
        *error =
            QStringLiteral("kubectl not found on PATH (%1); install kubectl or set its path (Preferences, "
                           "or --kubectl=PATH)")
                .arg(path.isEmpty() ? QStringLiteral("PATH is empty") : path);
        return {};
    }
    return found;
}

KubectlRunner::KubectlRunner(KubectlSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!isRunning())
            return;
        m_process->kill();
        fail(FailureKind::TimedOut,
             QStringLiteral("kubectl did not finish within %1 s and was stopped").arg(m_timeoutMs / 1000.0));
    });
}

KubectlRunner::~KubectlRunner()
{
    if (m_stdinSensitive)
        m_stdin.fill('\0');
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void KubectlRunner::setStandardInput(const QByteArray &data, bool sensitive)
{
    m_stdin = data;
    m_stdinSensitive = sensitive;
}

void KubectlRunner::setRedactions(const QList<QByteArray> &secrets)
{
    m_redactions.clear();
    m_holdBack = 0;
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        m_redactions.append(secret);
        m_redactions.append(secret.toBase64());
        m_holdBack = std::max(m_holdBack, secret.toBase64().size() - 1);
    }
}

void KubectlRunner::setTimeout(int ms)
{
    m_timeoutMs = ms;
}

void KubectlRunner::setCommandObserver(CommandObserver observer)
{
    commandObserver() = std::move(observer);
}

bool KubectlRunner::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning && !m_done;
}

QString KubectlRunner::displayCommand() const
{
    QStringList parts{QStringLiteral("kubectl")};
    for (const QString &a : m_arguments)
        parts.append(quoteForDisplay(a));
    return parts.join(QLatin1Char(' '));
}

QString KubectlRunner::standardError() const
{
    return QString::fromUtf8(m_stderr);
}

qint64 KubectlRunner::elapsedMs() const
{
    if (m_elapsedAtEnd >= 0)
        return m_elapsedAtEnd;
    return m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
}

void KubectlRunner::start(const QStringList &args)
{
    Q_ASSERT(!m_process);
    m_arguments.clear();
    if (!m_settings.kubeconfig.isEmpty())
        m_arguments.append(QStringLiteral("--kubeconfig=") + m_settings.kubeconfig);
    if (!m_settings.context.isEmpty())
        m_arguments.append(QStringLiteral("--context=") + m_settings.context);
    if (m_useRequestTimeout && !m_settings.requestTimeout.isEmpty())
        m_arguments.append(QStringLiteral("--request-timeout=") + m_settings.requestTimeout);
    m_arguments.append(args);

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_settings.environment);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
            [this] { onReadyRead(QProcess::StandardOutput); });
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { onReadyRead(QProcess::StandardError); });
    connect(m_process.get(), &QProcess::finished, this, &KubectlRunner::onFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &KubectlRunner::onError);
    connect(m_process.get(), &QProcess::started, this, [this] {
        if (!m_stdin.isEmpty())
            m_process->write(m_stdin);
        m_process->closeWriteChannel();
        if (m_stdinSensitive) {
            m_stdin.fill('\0');
            m_stdin.clear();
        }
        emit started();
    });

    if (m_settings.program.isEmpty()) {
        m_elapsed.start();
        // Reported asynchronously like a QProcess failure, so callers connect the same way.
        QTimer::singleShot(0, this, [this] {
            fail(FailureKind::KubectlMissing,
                 QStringLiteral("kubectl not found (no path configured and none on PATH)"));
        });
        return;
    }
    emit aboutToStart(displayCommand());
    if (commandObserver())
        commandObserver()(m_settings.program, m_arguments);
    m_elapsed.start();
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
    m_process->start(m_settings.program, m_arguments);
}

void KubectlRunner::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
    fail(FailureKind::Cancelled, QStringLiteral("cancelled"));
}

QByteArray KubectlRunner::redact(QByteArray data) const
{
    for (const QByteArray &s : m_redactions)
        data.replace(s, QByteArrayLiteral("***"));
    return data;
}

void KubectlRunner::emitText(const QByteArray &raw, QStringDecoder &decoder)
{
    const QString text = decoder.decode(raw);
    if (!text.isEmpty())
        emit output(text);
}

void KubectlRunner::emitRedacted(QByteArray &pending, QStringDecoder &decoder, bool flush)
{
    pending = redact(pending);
    const qsizetype keep = flush ? 0 : std::min(m_holdBack, pending.size());
    const QByteArray ready = pending.left(pending.size() - keep);
    pending = pending.right(keep);
    emitText(ready, decoder);
}

void KubectlRunner::onReadyRead(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    m_process->setReadChannel(channel);
    const QByteArray data = m_process->readAll();
    if (data.isEmpty())
        return;
    const bool isOut = channel == QProcess::StandardOutput;
    (isOut ? m_stdout : m_stderr).append(data);
    if (m_redactions.isEmpty()) {
        emitText(data, isOut ? m_outDecoder : m_errDecoder);
        return;
    }
    QByteArray &pending = isOut ? m_pendingOut : m_pendingErr;
    pending.append(data);
    emitRedacted(pending, isOut ? m_outDecoder : m_errDecoder, false);
}

void KubectlRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_done)
        return;
    // Drain what is left before judging.
    onReadyRead(QProcess::StandardOutput);
    onReadyRead(QProcess::StandardError);
    m_timer.stop();
    if (!m_redactions.isEmpty()) {
        m_stdout = redact(m_stdout);
        m_stderr = redact(m_stderr);
        emitRedacted(m_pendingOut, m_outDecoder, true);
        emitRedacted(m_pendingErr, m_errDecoder, true);
    }
    if (status == QProcess::CrashExit) {
        fail(FailureKind::Crashed, QStringLiteral("kubectl crashed (%1)").arg(m_process->errorString()));
        return;
    }
    m_done = true;
    m_elapsedAtEnd = m_elapsed.elapsed();
    m_exitCode = exitCode;
    if (exitCode != 0)
        m_failure = classifyKubectlError(exitCode, standardError(), m_call);
    emit finished(exitCode);
}

void KubectlRunner::onError(QProcess::ProcessError error)
{
    if (m_done)
        return;
    if (error == QProcess::FailedToStart) {
        fail(FailureKind::KubectlMissing, QStringLiteral("kubectl could not be started (%1): %2")
                                              .arg(m_settings.program, m_process->errorString()));
    }
    // Crashed is reported by finished(CrashExit); read/write errors (kubectl closed its input early) end in
    // finished() too.
}

void KubectlRunner::fail(FailureKind kind, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_stdinSensitive)
        m_stdin.fill('\0');
    m_timer.stop();
    m_elapsedAtEnd = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    m_failure.kind = kind;
    m_failure.message = message;
    m_failure.detail = standardError().trimmed();
    emit failed(message);
}

} // namespace iq::deploy
