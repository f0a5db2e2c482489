#include "experiments/runs_table.h"

#include <algorithm>
#include <limits>

namespace dae::ui {

RunsTable::RunsTable(QObject* parent) : QAbstractTableModel(parent) {}

void RunsTable::setRuns(std::vector<CatalogRun> runs) {
    m_runs = std::move(runs);
    rebuild();
}

void RunsTable::setGrouped(bool grouped) {
    if (grouped == m_grouped) return;
    m_grouped = grouped;
    rebuild();
}

void RunsTable::setAllColumns(bool all) {
    if (all == m_all) return;
    m_all = all;
    rebuild();
}

void RunsTable::rebuild() {
    beginResetModel();
    m_table = catalog_table(m_runs, m_grouped, m_all);
    endResetModel();
}

std::vector<std::size_t> RunsTable::rowRuns(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    return m_table.rows[static_cast<std::size_t>(row)].runs;
}

int RunsTable::columnOf(const QString& key) const {
    const auto it = std::find(m_table.columns.begin(), m_table.columns.end(), key.toStdString());
    return it == m_table.columns.end() ? -1 : static_cast<int>(it - m_table.columns.begin());
}

int RunsTable::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int RunsTable::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant RunsTable::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto row = static_cast<std::size_t>(index.row()), column = static_cast<std::size_t>(index.column());
    const bool result = index.column() > m_table.settings_end;
    switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(m_table.cell(m_runs, row, column, false));
    case SortRole: {
        const QString exact = QString::fromStdString(m_table.cell(m_runs, row, column, true));
        bool ok = false;
        const double v = exact.toDouble(&ok);
        if (ok) return v;
        return result ? QVariant(-std::numeric_limits<double>::infinity()) : QVariant(exact);  // no value: first
    }
    case Qt::TextAlignmentRole: return result ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: {
        QStringList lines;
        for (std::size_t i : m_table.rows[row].runs) {
            const CatalogRun& r = m_runs[i];
            lines << QString::fromStdString(r.result.id + (r.problem.empty() ? "" : ": " + r.problem));
        }
        return lines.join(QLatin1Char('\n'));
    }
    default: return {};
    }
}

QVariant RunsTable::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section >= columnCount()) return {};
    return QString::fromStdString(m_table.columns[static_cast<std::size_t>(section)]);
}

QString RunsTable::csv(const std::vector<int>& rows) const {
    CatalogTable chosen = m_table;
    if (!rows.empty()) {
        chosen.rows.clear();
        for (int r : rows)
            chosen.rows.push_back(m_table.rows[static_cast<std::size_t>(r)]);
    }
    return QString::fromStdString(chosen.csv(m_runs));
}

}  // namespace dae::ui
