#include "argparser.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace iq::cli {

ArgParser::ArgParser(QString command, QString summary)
    : m_command(std::move(command))
    , m_summary(std::move(summary))
{}

void ArgParser::addFlag(const FlagSpec &spec)
{
    m_specs.append(spec);
}

void ArgParser::addValueFlag(const QString &name, const QString &valueName, const QString &help,
                             const QString &defaultValue, const QStringList &choices)
{
    FlagSpec s;
    s.name = name;
    s.valueName = valueName;
    s.help = help;
    s.defaultValue = defaultValue;
    s.choices = choices;
    addFlag(s);
}

void ArgParser::addBoolFlag(const QString &name, const QString &help)
{
    FlagSpec s;
    s.name = name;
    s.help = help;
    addFlag(s);
}

void ArgParser::setRequired(const QString &name, bool required)
{
    for (FlagSpec &s : m_specs) {
        if (s.name == name)
            s.required = required;
    }
}

void ArgParser::setPositionals(const QString &usage, int minCount, int maxCount)
{
    m_positionalUsage = usage;
    m_minPositionals = minCount;
    m_maxPositionals = maxCount;
}

const FlagSpec *ArgParser::spec(const QString &name) const
{
    for (const FlagSpec &s : m_specs) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

bool ArgParser::parse(const QStringList &args)
{
    m_values.clear();
    m_positionals.clear();
    m_error.clear();
    m_help = false;
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (onlyPositionals || !arg.startsWith(QLatin1String("--")) || arg == QLatin1String("-")) {
            if (!onlyPositionals && arg.startsWith(QLatin1Char('-')) && arg.size() > 1 &&
                arg != QLatin1String("-")) {
                if (arg == QLatin1String("-h")) {
                    m_help = true;
                    continue;
                }
                m_error = QStringLiteral("unknown flag %1 (flags are spelled --name=value)").arg(arg);
                return false;
            }
            m_positionals.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            onlyPositionals = true;
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        bool hasInlineValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasInlineValue = true;
        }
        if (name == QLatin1String("help")) {
            m_help = true;
            continue;
        }
        const FlagSpec *s = spec(name);
        if (!s) {
            QStringList names;
            for (const FlagSpec &f : m_specs)
                names.append(f.name);
            const QStringList close = closestMatches(name, names, 1);
            m_error = QStringLiteral("unknown flag --%1 for `%2`").arg(name, m_command);
            if (!close.isEmpty())
                m_error += QStringLiteral("; did you mean --%1?").arg(close.first());
            return false;
        }
        if (s->valueName.isEmpty()) {
            if (hasInlineValue) {
                const QString v = value.toLower();
                if (v != QLatin1String("true") && v != QLatin1String("false")) {
                    m_error = QStringLiteral("flag --%1 takes no value (got \"%2\")").arg(name, value);
                    return false;
                }
                if (v == QLatin1String("false")) {
                    m_values.remove(name);
                    continue;
                }
            }
            m_values[name].append(QStringLiteral("true"));
            continue;
        }
        if (!hasInlineValue) {
            if (i + 1 >= args.size()) {
                m_error = QStringLiteral("flag --%1 needs a value (%2)").arg(name, s->valueName);
                return false;
            }
            value = args.at(++i);
        }
        if (!s->choices.isEmpty() && !s->choices.contains(value)) {
            m_error = QStringLiteral("invalid value \"%1\" for --%2; valid values: %3")
                          .arg(value, name, s->choices.join(QStringLiteral(", ")));
            return false;
        }
        if (m_values.contains(name) && !s->repeatable) {
            m_values[name] = QStringList{value}; // the last one wins, as in gcloud
        } else {
            m_values[name].append(value);
        }
    }
    if (m_help)
        return true;
    for (const FlagSpec &s : m_specs) {
        if (s.required && !m_values.contains(s.name)) {
            m_error = QStringLiteral("missing required flag --%1 for `%2`").arg(s.name, m_command);
            return false;
        }
    }
    if (m_positionals.size() < m_minPositionals || m_positionals.size() > m_maxPositionals) {
        if (m_maxPositionals == 0)
            m_error =
                QStringLiteral("unexpected argument \"%1\" for `%2`").arg(m_positionals.first(), m_command);
        else
            m_error = QStringLiteral("`%1` expects %2").arg(m_command, m_positionalUsage);
        return false;
    }
    return true;
}

bool ArgParser::isSet(const QString &name) const
{
    return m_values.contains(name);
}

QString ArgParser::value(const QString &name) const
{
    const auto it = m_values.constFind(name);
    if (it != m_values.constEnd() && !it->isEmpty())
        return it->last();
    const FlagSpec *s = spec(name);
    return s ? s->defaultValue : QString();
}

QStringList ArgParser::values(const QString &name) const
{
    return m_values.value(name);
}

bool ArgParser::doubleValue(const QString &name, double fallback, double *out, QString *error) const
{
    if (!isSet(name)) {
        *out = fallback;
        return true;
    }
    bool ok = false;
    const QString text = value(name);
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QStringLiteral("--%1: \"%2\" is not a number").arg(name, text);
        return false;
    }
    *out = v;
    return true;
}

bool ArgParser::intValue(const QString &name, int fallback, int *out, QString *error) const
{
    if (!isSet(name)) {
        *out = fallback;
        return true;
    }
    bool ok = false;
    const QString text = value(name);
    const int v = text.toInt(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1: \"%2\" is not a whole number").arg(name, text);
        return false;
    }
    *out = v;
    return true;
}

QString ArgParser::helpText() const
{
    QString text;
    QTextStream s(&text);
    s << "Usage: " << m_command;
    if (!m_positionalUsage.isEmpty())
        s << ' ' << m_positionalUsage;
    s << " [flags]\n";
    if (!m_summary.isEmpty())
        s << '\n' << m_summary << '\n';
    if (!m_specs.isEmpty())
        s << "\nFlags:\n";
    for (const FlagSpec &f : m_specs) {
        QString left = QStringLiteral("  --") + f.name;
        if (!f.valueName.isEmpty())
            left += QLatin1Char('=') + f.valueName;
        s << left.leftJustified(44) << ' ' << f.help;
        if (f.required)
            s << " (required)";
        if (!f.defaultValue.isEmpty())
            s << " [default: " << f.defaultValue << ']';
        if (!f.choices.isEmpty())
            s << " {" << f.choices.join(QLatin1Char('|')) << '}';
        s << '\n';
    }
    return text;
}

static int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

QStringList closestMatches(const QString &word, const QStringList &candidates, int maxResults)
{
    struct Scored
    {
        int score;
        QString name;
    };
    QList<Scored> scored;
    const QString lower = word.toLower();
    for (const QString &c : candidates) {
        int d = editDistance(word, c);
        // A candidate that contains the word (case-insensitively) is a strong match: "llama-3.1-8b".
        if (c.toLower().contains(lower) && !lower.isEmpty())
            d = std::min(d, 1);
        const int limit = std::max<int>(2, int(std::max(word.size(), c.size()) / 3));
        if (d <= limit)
            scored.append({d, c});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored &l, const Scored &r) { return l.score < r.score; });
    QStringList out;
    for (const Scored &s : scored) {
        if (out.size() >= maxResults)
            break;
        out.append(s.name);
    }
    return out;
}

} // namespace iq::cli
