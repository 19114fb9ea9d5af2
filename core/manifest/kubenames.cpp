#include "kubenames.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace iq::manifest {

namespace {

QString quoted(const QString &value)
{
    // Show the offending value unambiguously, control characters escaped.
    QString s;
    for (const QChar c : value) {
        if (c == QLatin1Char('\n'))
            s += QStringLiteral("\\n");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            s += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            s += c;
    }
    return QLatin1Char('"') + s + QLatin1Char('"');
}

bool isLowerAlnum(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isAlnum(QChar c)
{
    return isLowerAlnum(c) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

QString shortHash(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(6));
}

// Lowercase, runs of [^a-z0-9] -> '-', trimmed of '-'.
QString slug(const QString &text)
{
    QString out;
    bool dash = false;
    for (const QChar c : text.toLower()) {
        if (isLowerAlnum(c)) {
            out += c;
            dash = false;
        } else if (!dash && !out.isEmpty()) {
            out += QLatin1Char('-');
            dash = true;
        }
    }
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out;
}

QString cutWithHash(QString name, const QString &hashed, int maxLength)
{
    if (name.size() <= maxLength)
        return name;
    name = name.left(maxLength - 7);
    while (name.endsWith(QLatin1Char('-')) || name.endsWith(QLatin1Char('.')) ||
           name.endsWith(QLatin1Char('_')))
        name.chop(1);
    return name + QLatin1Char('-') + shortHash(hashed);
}

} // namespace

QString checkDns1123Label(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("%1 must not be empty").arg(what);
    if (value.size() > 63)
        return QStringLiteral("%1 %2 is %3 characters long; at most 63 are allowed (DNS-1123 label)")
            .arg(what, quoted(value))
            .arg(value.size());
    for (const QChar c : value) {
        if (!isLowerAlnum(c) && c != QLatin1Char('-'))
            return QStringLiteral("%1 %2 may contain only lowercase letters, digits and '-' (DNS-1123 label)")
                .arg(what, quoted(value));
    }
    if (!isLowerAlnum(value.front()) || !isLowerAlnum(value.back()))
        return QStringLiteral("%1 %2 must start and end with a lowercase letter or digit (DNS-1123 label)")
            .arg(what, quoted(value));
    return {};
}

QString checkDns1035Label(const QString &what, const QString &value, int maxLength)
{
    if (value.isEmpty())
        return QStringLiteral("%1 must not be empty").arg(what);
    if (value.size() > maxLength)
        return QStringLiteral("%1 %2 is %3 characters long; at most %4 are allowed")
            .arg(what, quoted(value))
            .arg(value.size())
            .arg(maxLength);
    const QString label = checkDns1123Label(what, value);
    if (!label.isEmpty())
        return label;
    if (!value.front().isLetter())
        return QStringLiteral("%1 %2 must start with a lowercase letter (DNS-1035 label)")
            .arg(what, quoted(value));
    return {};
}

QString checkDns1123Subdomain(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("%1 must not be empty").arg(what);
    if (value.size() > 253)
        return QStringLiteral("%1 is %2 characters long; at most 253 are allowed (DNS-1123 subdomain)")
            .arg(what)
            .arg(value.size());
    const QStringList parts = value.split(QLatin1Char('.'));
    for (const QString &part : parts) {
        if (part.isEmpty() || checkDns1123Label(what, part).size() > 0)
            return QStringLiteral("%1 %2 must be lowercase letters, digits, '-' and '.', each dot-separated "
                                  "part starting and ending with a letter or digit (DNS-1123 subdomain)")
                .arg(what, quoted(value));
    }
    return {};
}

QString checkLabelValue(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return {};
    if (value.size() > 63)
        return QStringLiteral("%1 %2 is %3 characters long; a label value has at most 63")
            .arg(what, quoted(value))
            .arg(value.size());
    for (const QChar c : value) {
        if (!isAlnum(c) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return QStringLiteral("%1 %2 may contain only letters, digits, '-', '_' and '.' (label value)")
                .arg(what, quoted(value));
    }
    if (!isAlnum(value.front()) || !isAlnum(value.back()))
        return QStringLiteral("%1 %2 must start and end with a letter or digit (label value)")
            .arg(what, quoted(value));
    return {};
}

QString toLabelValue(const QString &text)
{
    QString out;
    bool dash = false;
    for (const QChar c : text) {
        if (isAlnum(c) || c == QLatin1Char('.') || c == QLatin1Char('_')) {
            out += c;
            dash = false;
        } else if (!dash) {
            out += QLatin1Char('-');
            dash = true;
        }
    }
    auto trim = [](QString &s) {
        while (!s.isEmpty() && !isAlnum(s.front()))
            s.remove(0, 1);
        while (!s.isEmpty() && !isAlnum(s.back()))
            s.chop(1);
    };
    trim(out);
    if (out.size() > 63) {
        out = out.left(56);
        trim(out);
        out += QLatin1Char('-') + shortHash(text);
    }
    return out;
}

QString deriveWorkloadName(const QString &modelServer, const QString &modelId)
{
    const QString lastSegment = modelId.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty);
    QString name = slug(modelServer + QLatin1Char('-') + lastSegment);
    if (name.isEmpty())
        name = QStringLiteral("model");
    if (!name.front().isLetter())
        name.prepend(QStringLiteral("m-"));
    return cutWithHash(name, name, kMaxWorkloadNameLength);
}

QString parseBucketUri(const QString &uri, BucketUri *out)
{
    const QString prefix = QStringLiteral("gs://");
    if (!uri.startsWith(prefix))
        return QStringLiteral("--model-bucket-uri %1 must have the form gs://BUCKET[/DIR]").arg(quoted(uri));
    const QString rest = uri.mid(prefix.size());
    const int slash = rest.indexOf(QLatin1Char('/'));
    const QString bucket = slash < 0 ? rest : rest.left(slash);
    QString dir = slash < 0 ? QString() : rest.mid(slash + 1);
    while (dir.endsWith(QLatin1Char('/')))
        dir.chop(1);

    const QString bucketRule = QStringLiteral("bucket name %1 in --model-bucket-uri: Cloud Storage bucket "
                                              "names are 3-63 characters (222 with dots, "
                                              "each dot-separated part at most 63) of lowercase letters, "
                                              "digits, '-', '_' and '.', and start and end "
                                              "with a letter or digit");
    if (bucket.size() < 3 || bucket.size() > 222)
        return bucketRule.arg(quoted(bucket));
    for (const QChar c : bucket) {
        if (!isLowerAlnum(c) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return bucketRule.arg(quoted(bucket));
    }
    if (!isLowerAlnum(bucket.front()) || !isLowerAlnum(bucket.back()))
        return bucketRule.arg(quoted(bucket));
    const QStringList parts = bucket.split(QLatin1Char('.'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part.size() > 63)
            return bucketRule.arg(quoted(bucket));
    }
    if (!bucket.contains(QLatin1Char('.')) && bucket.size() > 63)
        return bucketRule.arg(quoted(bucket));
    if (bucket.startsWith(QStringLiteral("goog")))
        return QStringLiteral("bucket name %1 in --model-bucket-uri must not start with \"goog\"")
            .arg(quoted(bucket));
    static const QRegularExpression ipv4(QStringLiteral("^\\d+\\.\\d+\\.\\d+\\.\\d+$"));
    if (ipv4.match(bucket).hasMatch())
        return QStringLiteral("bucket name %1 in --model-bucket-uri must not be an IP address")
            .arg(quoted(bucket));

    if (!dir.isEmpty()) {
        for (const QChar c : dir) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char(','))
                return QStringLiteral(
                           "directory %1 in --model-bucket-uri must not contain control characters or "
                           "',' (Cloud Storage FUSE mount options are comma-separated)")
                    .arg(quoted(dir));
        }
        const QStringList segments = dir.split(QLatin1Char('/'));
        for (const QString &segment : segments) {
            if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
                return QStringLiteral(
                           "directory %1 in --model-bucket-uri must not contain empty, \".\" or \"..\" "
                           "path segments")
                    .arg(quoted(dir));
        }
    }
    if (out) {
        out->bucket = bucket;
        out->dir = dir;
    }
    return {};
}

QString checkImageTag(const QString &what, const QString &value)
{
    static const QRegularExpression tag(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    if (!tag.match(value).hasMatch())
        return QStringLiteral("%1 %2 is not a valid container image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})")
            .arg(what, quoted(value));
    return {};
}

} // namespace iq::manifest
