#include "modellistmodel.h"

#include "formatting.h"

#include <QHash>
#include <QLocale>

#include <algorithm>

namespace iq::gui {

ModelListModel::ModelListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QList<ModelEntry> ModelListModel::entriesOf(const CatalogData &catalog)
{
    QHash<QString, qsizetype> index;
    QList<ModelEntry> out;
    for (const Profile &p : catalog.profiles) {
        auto it = index.constFind(p.model);
        if (it == index.constEnd()) {
            ModelEntry e;
            e.id = p.model;
            it = index.insert(p.model, out.size());
            out.append(e);
        }
        ModelEntry &e = out[it.value()];
        ++e.profileCount;
        e.measured |= p.provenance.kind == Provenance::Kind::Measured;
        e.estimated |= p.provenance.kind == Provenance::Kind::Estimated;
        e.imported |= p.provenance.kind == Provenance::Kind::Imported;
    }
    for (const Model &m : catalog.models) {
        const auto it = index.constFind(m.id);
        if (it == index.constEnd())
            continue;
        ModelEntry &e = out[it.value()];
        e.family = m.family;
        e.parametersB = m.parametersB;
        e.activeParametersB = m.activeParametersB;
    }
    std::sort(out.begin(), out.end(), [](const ModelEntry &a, const ModelEntry &b) {
        return a.id.compare(b.id, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QString ModelListModel::sizeText(const ModelEntry &e)
{
    if (!isKnown(e.parametersB))
        return {};
    auto b = [](double v) { return tr("%1B").arg(QLocale().toString(v, 'g', v < 10 ? 2 : 3)); };
    if (isKnown(e.activeParametersB) && e.activeParametersB < e.parametersB)
        return tr("%1 (%2 active)").arg(b(e.parametersB), b(e.activeParametersB));
    return b(e.parametersB);
}

void ModelListModel::setCatalog(const CatalogData &catalog)
{
    beginResetModel();
    m_entries = entriesOf(catalog);
    endResetModel();
}

int ModelListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return int(i);
    }
    return -1;
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case IdRole:
        return e.id;
    case DetailRole: {
        QStringList parts;
        if (!e.family.isEmpty())
            parts << e.family;
        const QString size = sizeText(e);
        if (!size.isEmpty())
            parts << size;
        parts << (e.profileCount == 1 ? tr("1 profile") : tr("%1 profiles").arg(e.profileCount));
        return parts.join(QStringLiteral(" · "));
    }
    case BadgesRole: {
        QStringList badges;
        if (e.measured)
            badges << Formatting::provenanceKind(Provenance::Kind::Measured);
        if (e.estimated)
            badges << Formatting::provenanceKind(Provenance::Kind::Estimated);
        if (e.imported)
            badges << Formatting::provenanceKind(Provenance::Kind::Imported);
        return badges;
    }
    case SearchRole:
        return QString(e.id + QLatin1Char(' ') + e.family);
    case Qt::ToolTipRole:
        return QString(e.id + QLatin1Char('\n') + data(index, DetailRole).toString() + QLatin1Char('\n') +
                       data(index, BadgesRole).toStringList().join(QStringLiteral(", ")));
    default:
        return {};
    }
}

} // namespace iq::gui
