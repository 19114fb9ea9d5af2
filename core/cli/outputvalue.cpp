#include "outputvalue.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>

namespace iq::cli {

OutValue OutValue::boolean(bool b)
{
    OutValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

OutValue OutValue::number(double d)
{
    OutValue v;
    if (!std::isfinite(d))
        return v;
    v.m_type = Type::Number;
    v.m_number = d;
    return v;
}

OutValue OutValue::integer(qint64 i)
{
    OutValue v;
    v.m_type = Type::Integer;
    v.m_integer = i;
    return v;
}

OutValue OutValue::string(const QString &s)
{
    OutValue v;
    v.m_type = Type::String;
    v.m_string = s;
    return v;
}

OutValue OutValue::list()
{
    OutValue v;
    v.m_type = Type::List;
    return v;
}

OutValue OutValue::map()
{
    OutValue v;
    v.m_type = Type::Map;
    return v;
}

OutValue &OutValue::append(const OutValue &v)
{
    Q_ASSERT(m_type == Type::List);
    m_items.append(v);
    return *this;
}

OutValue &OutValue::insert(const QString &key, const OutValue &v)
{
    Q_ASSERT(m_type == Type::Map);
    m_fields.append({key, v});
    return *this;
}

QString formatNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("null");
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, res.ptr - buf);
}

static QString jsonEscape(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

static void writeJson(const OutValue &v, int indent, int depth, QString &out)
{
    const QString pad(indent * (depth + 1), QLatin1Char(' '));
    const QString padEnd(indent * depth, QLatin1Char(' '));
    const QString nl = indent > 0 ? QStringLiteral("\n") : QString();
    const QString colon = indent > 0 ? QStringLiteral(": ") : QStringLiteral(":");
    switch (v.type()) {
    case OutValue::Type::Null:
        out += QLatin1String("null");
        break;
    case OutValue::Type::Bool:
        out += v.boolValue() ? QLatin1String("true") : QLatin1String("false");
        break;
    case OutValue::Type::Number:
        out += formatNumber(v.numberValue());
        break;
    case OutValue::Type::Integer:
        out += QString::number(v.integerValue());
        break;
    case OutValue::Type::String:
        out += jsonEscape(v.stringValue());
        break;
    case OutValue::Type::List:
        if (v.items().isEmpty()) {
            out += QLatin1String("[]");
            break;
        }
        out += QLatin1Char('[') + nl;
        for (qsizetype i = 0; i < v.items().size(); ++i) {
            out += pad;
            writeJson(v.items().at(i), indent, depth + 1, out);
            if (i + 1 < v.items().size())
                out += QLatin1Char(',');
            out += nl;
        }
        out += padEnd + QLatin1Char(']');
        break;
    case OutValue::Type::Map:
        if (v.fields().isEmpty()) {
            out += QLatin1String("{}");
            break;
        }
        out += QLatin1Char('{') + nl;
        for (qsizetype i = 0; i < v.fields().size(); ++i) {
            out += pad + jsonEscape(v.fields().at(i).first) + colon;
            writeJson(v.fields().at(i).second, indent, depth + 1, out);
            if (i + 1 < v.fields().size())
                out += QLatin1Char(',');
            out += nl;
        }
        out += padEnd + QLatin1Char('}');
        break;
    }
}

QString OutValue::toJson(int indent) const
{
    QString out;
    writeJson(*this, indent, 0, out);
    out += QLatin1Char('\n');
    return out;
}

static void emitYaml(const OutValue &v, YAML::Emitter &e)
{
    switch (v.type()) {
    case OutValue::Type::Null:
        e << YAML::Null;
        break;
    case OutValue::Type::Bool:
        e << YAML::TrueFalseBool << v.boolValue();
        break;
    case OutValue::Type::Number:
        e << formatNumber(v.numberValue()).toStdString();
        break;
    case OutValue::Type::Integer:
        e << v.integerValue();
        break;
    case OutValue::Type::String:
        e << v.stringValue().toStdString(); // the emitter quotes whatever would not read back as a string
        break;
    case OutValue::Type::List:
        e << YAML::BeginSeq;
        for (const OutValue &item : v.items())
            emitYaml(item, e);
        e << YAML::EndSeq;
        break;
    case OutValue::Type::Map:
        e << YAML::BeginMap;
        for (const auto &[key, value] : v.fields()) {
            e << YAML::Key << key.toStdString() << YAML::Value;
            emitYaml(value, e);
        }
        e << YAML::EndMap;
        break;
    }
}

QString OutValue::toYaml() const
{
    YAML::Emitter e;
    emitYaml(*this, e);
    return QString::fromStdString(e.c_str()) + QLatin1Char('\n');
}

} // namespace iq::cli
