// The window's four workspaces — Train, Iterate, Explore, Experiments — one page each in a stack,
// with the actions that switch between them (Ctrl+1 … Ctrl+4). A workspace shows only what belongs
// to it; Explore and Experiments hold several views as tabs. Every page lays itself out in what room
// it has (no page forces the window's minimum size up), and a workspace's splitters remember their
// positions (saveState / restoreState).
#pragma once

#include <QStackedWidget>
#include <QString>

#include <vector>

class QAction;
class QActionGroup;
class QSettings;
class QSplitter;
class QTabWidget;

namespace dae::ui {

class Workspaces : public QStackedWidget {
    Q_OBJECT
public:
    enum Id { Train, Iterate, Explore, Experiments };
    static constexpr int kCount = 4;
    static QString name(Id id);  // "Train", …

    explicit Workspaces(QWidget* parent = nullptr);

    // A workspace's page: one widget (Train, Iterate), or views as tabs (Explore, Experiments).
    void setPage(Id id, QWidget* page);
    void addView(Id id, QWidget* view, const QString& title);
    QTabWidget* views(Id id) const;  // null for a single-page workspace

    QActionGroup* actions() const { return m_group; }
    QAction* action(Id id) const { return m_actions[static_cast<std::size_t>(id)]; }
    Id current() const { return static_cast<Id>(currentIndex()); }
    void show(Id id);
    // Brings the workspace (and the view) holding `part` to the front; false when no page holds it.
    bool showPartOf(const QWidget* part);
    // The names a person can ask for (workspaces and views) and showing one of them by name
    // (case-insensitive); false when there is none of that name.
    QStringList names() const;
    bool showNamed(const QString& name);

    // The splitters of every page, remembered under `group` in the store.
    void rememberSplitter(QSplitter* splitter, const QString& key);
    void saveState(QSettings& store) const;
    void restoreState(const QSettings& store);

signals:
    void shown(dae::ui::Workspaces::Id id);

private:
    std::vector<QAction*> m_actions;
    QActionGroup* m_group;
    std::vector<QTabWidget*> m_views;
    std::vector<std::pair<QSplitter*, QString>> m_splitters;
};

}  // namespace dae::ui
