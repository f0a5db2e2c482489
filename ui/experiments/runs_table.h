// The Runs view's table model: the catalog's table (catalog_table: a row per run, or per
// configuration with its seeds' mean ± sd as a grid's summary.csv; settings that are the same in
// every run and results no run has left out unless all columns are asked for), sortable by value.
#pragma once

#include "dae/run_catalog.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace dae::ui {

class RunsTable : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole;  // a number for numeric cells, else the text

    explicit RunsTable(QObject* parent = nullptr);

    void setRuns(std::vector<CatalogRun> runs);
    void setGrouped(bool grouped);  // one row per configuration (every varying setting but the seed)
    void setAllColumns(bool all);   // every setting and every result any run has
    const std::vector<CatalogRun>& runs() const { return m_runs; }
    std::vector<std::size_t> rowRuns(int row) const;  // the runs a row stands for
    int columnOf(const QString& key) const;           // −1 when not shown
    // The rows given (all when empty) as CSV, the columns shown, numbers in full.
    QString csv(const std::vector<int>& rows = {}) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();

    std::vector<CatalogRun> m_runs;
    CatalogTable m_table;
    bool m_grouped = false, m_all = false;
};

}  // namespace dae::ui
