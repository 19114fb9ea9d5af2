#pragma once
// An ordered tree of output values, printed as JSON or YAML by the CLI. Keys keep insertion order (unlike
// QJsonObject), so `--format=json` and `--format=yaml` list fields in the order a reader expects.

#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace iq::cli {

class OutValue
{
public:
    enum class Type { Null, Bool, Number, Integer, String, List, Map };

    OutValue() = default; // null
    static OutValue boolean(bool b);
    static OutValue number(double v); // NaN/inf print as null
    static OutValue integer(qint64 v);
    static OutValue string(const QString &s);
    static OutValue list();
    static OutValue map();

    // Builders (lists and maps only).
    OutValue &append(const OutValue &v);
    OutValue &insert(const QString &key, const OutValue &v);

    Type type() const { return m_type; }
    bool boolValue() const { return m_bool; }
    double numberValue() const { return m_number; }
    qint64 integerValue() const { return m_integer; }
    const QString &stringValue() const { return m_string; }
    const QList<OutValue> &items() const { return m_items; }
    const QList<QPair<QString, OutValue>> &fields() const { return m_fields; }

    QString toJson(int indent = 2) const;
    QString toYaml() const;

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    qint64 m_integer = 0;
    QString m_string;
    QList<OutValue> m_items;
    QList<QPair<QString, OutValue>> m_fields;
};

// Shortest decimal text that reads back as the same double ("13335", "0.0123", "1e-07").
QString formatNumber(double v);

} // namespace iq::cli
