#include "yamlwriter.h"

#include <QStringList>

namespace iq::manifest {

namespace {

const std::string kStrTag = "tag:yaml.org,2002:str";

void emitNode(YAML::Emitter &out, const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        out << YAML::BeginMap;
        for (auto it = node.begin(); it != node.end(); ++it) {
            out << YAML::Key;
            emitNode(out, it->first);
            out << YAML::Value;
            emitNode(out, it->second);
        }
        out << YAML::EndMap;
        break;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const YAML::Node &item : node)
            emitNode(out, item);
        out << YAML::EndSeq;
        break;
    case YAML::NodeType::Scalar: {
        const std::string &text = node.Scalar();
        if (node.Tag() == kStrTag && !isSafePlainString(QString::fromStdString(text)))
            out << YAML::DoubleQuoted << text;
        else
            out << text;
        break;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        out << YAML::Null;
        break;
    }
}

QString scalarPath(const QString &base, const QString &key)
{
    return base.isEmpty() ? key : base + QLatin1Char('.') + key;
}

bool same(const YAML::Node &a, const YAML::Node &b, const QString &path, QString *where)
{
    auto fail = [&](const QString &p) {
        if (where)
            *where = p.isEmpty() ? QStringLiteral("(document)") : p;
        return false;
    };
    const bool aNull = !a.IsDefined() || a.IsNull();
    const bool bNull = !b.IsDefined() || b.IsNull();
    if (aNull || bNull)
        return aNull == bNull ? true : fail(path);
    if (a.Type() != b.Type())
        return fail(path);
    if (a.IsScalar())
        return a.Scalar() == b.Scalar() ? true : fail(path);
    if (a.IsSequence()) {
        if (a.size() != b.size())
            return fail(path);
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same(a[i], b[i], path + QStringLiteral("[%1]").arg(i), where))
                return false;
        }
        return true;
    }
    if (a.size() != b.size())
        return fail(path);
    for (auto it = a.begin(); it != a.end(); ++it) {
        const std::string key = it->first.Scalar();
        const QString sub = scalarPath(path, QString::fromStdString(key));
        const YAML::Node other = b[key];
        if (!other.IsDefined())
            return fail(sub);
        if (!same(it->second, other, sub, where))
            return false;
    }
    return true;
}

} // namespace

YAML::Node str(const QString &value)
{
    YAML::Node n(value.toStdString());
    n.SetTag(kStrTag);
    return n;
}

YAML::Node str(const char *latin1)
{
    return str(QString::fromLatin1(latin1));
}

YAML::Node num(long long value)
{
    return YAML::Node(value);
}

YAML::Node boolean(bool value)
{
    return YAML::Node(value);
}

bool isSafePlainString(const QString &value)
{
    // ^[A-Za-z/][A-Za-z0-9_./-]*$, by hand: this runs for every scalar written.
    if (value.isEmpty())
        return false;
    auto letter = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    };
    if (!letter(value.front()) && value.front() != QLatin1Char('/'))
        return false;
    for (const QChar c : value) {
        if (!letter(c) && !(c >= QLatin1Char('0') && c <= QLatin1Char('9')) && c != QLatin1Char('_') &&
            c != QLatin1Char('.') && c != QLatin1Char('/') && c != QLatin1Char('-'))
            return false;
    }
    // YAML 1.1 booleans and nulls (go-yaml v2, which kubectl uses, resolves all of these).
    if (value.size() > 5)
        return true;
    static const QStringList special{QStringLiteral("y"),    QStringLiteral("n"),     QStringLiteral("yes"),
                                     QStringLiteral("no"),   QStringLiteral("on"),    QStringLiteral("off"),
                                     QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null")};
    return !special.contains(value, Qt::CaseInsensitive);
}

QString writeYaml(const YAML::Node &node)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    out.SetMapFormat(YAML::Block);
    emitNode(out, node);
    return QString::fromUtf8(out.c_str(), static_cast<qsizetype>(out.size()));
}

bool sameYaml(const YAML::Node &a, const YAML::Node &b, QString *where)
{
    return same(a, b, QString(), where);
}

} // namespace iq::manifest
