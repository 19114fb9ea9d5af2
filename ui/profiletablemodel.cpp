#include "profiletablemodel.h"

#include "formatting.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QPalette>

#include <limits>

namespace iq::gui {

ProfileTableModel::ProfileTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProfileTableModel::setRows(const CatalogData *catalog, const AcceleratorColors *colors,
                                QList<ProfileRow> rows)
{
    // Same profiles in the same order (a slider step that changes only numbers and flags): update in place,
    // which keeps the view's selection and scroll position and repaints only the cells.
    bool sameShape =
        catalog == m_catalog && colors == m_colors && rows.size() == m_rows.size() && !rows.isEmpty();
    for (qsizetype i = 0; sameShape && i < rows.size(); ++i)
        sameShape = rows.at(i).profileIndex == m_rows.at(i).profileIndex;
    if (sameShape) {
        m_rows = std::move(rows);
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_catalog = catalog;
    m_colors = colors;
    m_rows = std::move(rows);
    endResetModel();
}

int ProfileTableModel::rowOfProfile(int profileIndex) const
{
    for (qsizetype r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).profileIndex == profileIndex)
            return int(r);
    }
    return -1;
}

int ProfileTableModel::qualifyingCount() const
{
    int n = 0;
    for (const ProfileRow &r : m_rows)
        n += r.qualifies ? 1 : 0;
    return n;
}

int ProfileTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProfileTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProfileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case InstanceType:
            return tr("Instance type");
        case Accelerator:
            return tr("Accelerator");
        case Server:
            return tr("Server");
        case CostInput:
            return tr("$/M input");
        case CostOutput:
            return tr("$/M output");
        case CostHour:
            return tr("$/hour");
        case OutputTokens:
            return tr("Output tok/s");
        case Ntpot:
            return tr("NTPOT");
        case Ttft:
            return tr("TTFT");
        case Itl:
            return tr("ITL");
        case Replicas:
            return tr("Replicas");
        case Provenance:
            return tr("Data");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CostInput:
            return tr("Equivalent cost per million input tokens at the operating point");
        case CostOutput:
            return tr("Equivalent cost per million output tokens at the operating point");
        case CostHour:
            return tr("List price per machine-hour for the region and pricing model");
        case OutputTokens:
            return tr("Output tokens per second of one replica at the operating point");
        case Ntpot:
            return tr("Normalized time per output token: request latency / output tokens");
        case Ttft:
            return tr("Time to first token");
        case Itl:
            return tr("Inter-token latency");
        case Replicas:
            return tr("Replicas needed for the target load");
        case Provenance:
            return tr("Where the numbers come from");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && section >= CostInput && section <= Replicas)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ProfileTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_catalog)
        return {};
    const ProfileRow &row = m_rows.at(index.row());
    const Profile &profile = m_catalog->profiles.at(row.profileIndex);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        return sortData(row, index.column());
    case ProfileIndexRole:
        return row.profileIndex;
    case QualifiesRole:
        return row.qualifies;
    case Qt::TextAlignmentRole:
        if (index.column() >= CostInput && index.column() <= Replicas)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!row.qualifies)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (!row.qualifies) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Accelerator && m_colors) {
            QColor c = m_colors->color(profile.accelerator);
            if (!row.qualifies)
                c.setAlpha(90);
            return c;
        }
        return {};
    case Qt::ToolTipRole: {
        if (!row.qualifies)
            return row.reason;
        if (index.column() == Provenance) {
            QStringList lines{Formatting::provenanceBadge(profile.provenance)};
            if (!profile.provenance.source.isEmpty())
                lines << tr("Source: %1").arg(profile.provenance.source);
            if (!profile.provenance.date.isEmpty())
                lines << tr("Date: %1").arg(profile.provenance.date);
            if (!profile.provenance.note.isEmpty())
                lines << profile.provenance.note;
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == Replicas && !row.recommendation.replicaPlan.error.isEmpty())
            return row.recommendation.replicaPlan.error;
        return {};
    }
    default:
        return {};
    }
}

QVariant ProfileTableModel::displayData(const ProfileRow &row, int column) const
{
    const Profile &p = m_catalog->profiles.at(row.profileIndex);
    const Recommendation &rec = row.recommendation;
    const BenchmarkPoint &pt = rec.operatingPoint.point;
    switch (column) {
    case InstanceType:
        return p.instanceType;
    case Accelerator:
        return tr("%1 × %2").arg(p.accelerator).arg(p.acceleratorCount);
    case Server:
        return p.modelServerVersion.isEmpty()
                   ? p.modelServer
                   : QStringLiteral("%1 %2").arg(p.modelServer, p.modelServerVersion);
    case CostInput:
        return Formatting::usd(rec.cost.perMillionInput);
    case CostOutput:
        return Formatting::usd(rec.cost.perMillionOutput);
    case CostHour:
        return Formatting::usd(rec.cost.usdPerHour);
    case OutputTokens:
        return Formatting::number(pt.outputTokensPerSecond, 0);
    case Ntpot:
        return Formatting::milliseconds(pt.ntpotMs.headline());
    case Ttft:
        return Formatting::milliseconds(pt.ttftMs.headline());
    case Itl:
        return Formatting::milliseconds(pt.itlMs.headline());
    case Replicas:
        return rec.replicas > 0 ? QLocale().toString(rec.replicas) : Formatting::unknown();
    case Provenance:
        return Formatting::provenanceBadge(p.provenance);
    default:
        return {};
    }
}

QVariant ProfileTableModel::sortData(const ProfileRow &row, int column) const
{
    // Unknown numbers sort after every known one (ascending), never as 0.
    auto num = [](double v) { return isKnown(v) ? v : std::numeric_limits<double>::max(); };
    const Profile &p = m_catalog->profiles.at(row.profileIndex);
    const Recommendation &rec = row.recommendation;
    const BenchmarkPoint &pt = rec.operatingPoint.point;
    switch (column) {
    case InstanceType:
        return p.instanceType;
    case Accelerator:
        return QStringLiteral("%1 %2").arg(p.accelerator).arg(p.acceleratorCount, 3, 10, QLatin1Char('0'));
    case Server:
        return displayData(row, column);
    case CostInput:
        return num(rec.cost.perMillionInput);
    case CostOutput:
        return num(rec.cost.perMillionOutput);
    case CostHour:
        return num(rec.cost.usdPerHour);
    case OutputTokens:
        return num(pt.outputTokensPerSecond);
    case Ntpot:
        return num(pt.ntpotMs.headline());
    case Ttft:
        return num(pt.ttftMs.headline());
    case Itl:
        return num(pt.itlMs.headline());
    case Replicas:
        return rec.replicas > 0 ? double(rec.replicas) : std::numeric_limits<double>::max();
    case Provenance:
        return int(p.provenance.kind);
    default:
        return {};
    }
}

} // namespace iq::gui
