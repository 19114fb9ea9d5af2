#pragma once
// Command-line flags in gcloud's style: --flag=value, --flag value, boolean --flag, positionals.
// Unknown flags, missing values and bad numbers become one clear error naming the flag.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace iq::cli {

struct FlagSpec
{
    QString name;      // without the leading "--"
    QString valueName; // "MODEL"; empty for a boolean flag
    QString help;
    QString defaultValue; // shown in help and returned by value() when unset
    QStringList choices;  // allowed values, empty = any
    bool repeatable = false;
    bool required = false;
};

// A value flag that must be given.
inline FlagSpec requiredFlag(const QString &name, const QString &valueName, const QString &help)
{
    FlagSpec s;
    s.name = name;
    s.valueName = valueName;
    s.help = help;
    s.required = true;
    return s;
}

class ArgParser
{
public:
    explicit ArgParser(QString command, QString summary = {});

    void addFlag(const FlagSpec &spec);
    void addValueFlag(const QString &name, const QString &valueName, const QString &help,
                      const QString &defaultValue = {}, const QStringList &choices = {});
    void addBoolFlag(const QString &name, const QString &help);
    void setRequired(const QString &name, bool required = true);
    void setPositionals(const QString &usage, int minCount, int maxCount);

    // Parses the arguments after the command words. On failure, error() says what is wrong.
    bool parse(const QStringList &args);
    QString error() const { return m_error; }

    bool isSet(const QString &name) const;
    QString value(const QString &name) const;      // last value, else the default
    QStringList values(const QString &name) const; // every value of a repeatable flag
    QStringList positionals() const { return m_positionals; }
    bool helpRequested() const { return m_help; }

    // Numeric flags: parse with a name-carrying error; absent flags give `fallback`.
    bool doubleValue(const QString &name, double fallback, double *out, QString *error) const;
    bool intValue(const QString &name, int fallback, int *out, QString *error) const;

    QString helpText() const;
    QString command() const { return m_command; }

private:
    const FlagSpec *spec(const QString &name) const;

    QString m_command;
    QString m_summary;
    QList<FlagSpec> m_specs;
    QHash<QString, QStringList> m_values;
    QStringList m_positionals;
    QString m_positionalUsage;
    int m_minPositionals = 0;
    int m_maxPositionals = 0;
    bool m_help = false;
    QString m_error;
};

// The closest candidates to `word` by edit distance (for "did you mean" messages), best first.
QStringList closestMatches(const QString &word, const QStringList &candidates, int maxResults = 3);

} // namespace iq::cli
