#include "workspaces.h"

#include <QAction>
#include <QActionGroup>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

namespace dae::ui {

QString Workspaces::name(Id id) {
    switch (id) {
    case Train: return tr("Train");
    case Iterate: return tr("Iterate");
    case Explore: return tr("Explore");
    case Experiments: return tr("Experiments");
    }
    return {};
}

Workspaces::Workspaces(QWidget* parent) : QStackedWidget(parent), m_group(new QActionGroup(this)) {
    static const char* tips[] = {
        "Train a DAE and watch its filters, reconstructions and loss",
        "Iterate the DAE on one digit or the whole set: x⁰ = x, xⁱ = r(xⁱ⁻¹), and where each ends",
        "The generative chain, the attractors and the 2-D playground",
        "Runs of grids and models compared; noise sweeps, stacked DAEs, the phase diagram, the outcome atlas"};
    for (int i = 0; i < kCount; ++i) {
        auto* a = new QAction(name(static_cast<Id>(i)), this);
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tr(tips[i]), a->shortcut().toString(QKeySequence::NativeText)));
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, i] { show(static_cast<Id>(i)); });
        m_actions.push_back(a);
        m_views.push_back(nullptr);
        addWidget(new QWidget(this));  // replaced by setPage / addView
    }
    m_actions.front()->setChecked(true);
}

void Workspaces::setPage(Id id, QWidget* page) {
    QWidget* old = widget(id);
    insertWidget(id, page);
    removeWidget(old);
    old->deleteLater();
}

void Workspaces::addView(Id id, QWidget* view, const QString& title) {
    QTabWidget*& tabs = m_views[static_cast<std::size_t>(id)];
    if (!tabs) {
        tabs = new QTabWidget(this);
        tabs->setDocumentMode(true);
        tabs->setObjectName(QStringLiteral("views-%1").arg(name(id)));
        setPage(id, tabs);
    }
    // A view scrolls when the window is smaller than it wants, rather than forcing the window up.
    auto* scroll = new QScrollArea(tabs);
    scroll->setWidget(view);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    tabs->addTab(scroll, title);
}

QTabWidget* Workspaces::views(Id id) const { return m_views[static_cast<std::size_t>(id)]; }

void Workspaces::show(Id id) {
    setCurrentIndex(id);
    m_actions[static_cast<std::size_t>(id)]->setChecked(true);
    emit shown(id);
}

bool Workspaces::showPartOf(const QWidget* part) {
    for (int i = 0; i < kCount; ++i) {
        QWidget* page = widget(i);
        if (page != part && !page->isAncestorOf(part)) continue;
        if (QTabWidget* tabs = m_views[static_cast<std::size_t>(i)])
            for (int t = 0; t < tabs->count(); ++t)
                if (tabs->widget(t) == part || tabs->widget(t)->isAncestorOf(part)) tabs->setCurrentIndex(t);
        show(static_cast<Id>(i));
        return true;
    }
    return false;
}

QStringList Workspaces::names() const {
    QStringList out;
    for (int i = 0; i < kCount; ++i) {
        out << name(static_cast<Id>(i));
        if (QTabWidget* tabs = m_views[static_cast<std::size_t>(i)])
            for (int t = 0; t < tabs->count(); ++t)
                out << tabs->tabText(t);
    }
    return out;
}

bool Workspaces::showNamed(const QString& wanted) {
    for (int i = 0; i < kCount; ++i) {
        if (name(static_cast<Id>(i)).compare(wanted, Qt::CaseInsensitive) == 0) {
            show(static_cast<Id>(i));
            return true;
        }
        if (QTabWidget* tabs = m_views[static_cast<std::size_t>(i)])
            for (int t = 0; t < tabs->count(); ++t)
                if (tabs->tabText(t).compare(wanted, Qt::CaseInsensitive) == 0) {
                    tabs->setCurrentIndex(t);
                    show(static_cast<Id>(i));
                    return true;
                }
    }
    return false;
}

void Workspaces::rememberSplitter(QSplitter* splitter, const QString& key) { m_splitters.emplace_back(splitter, key); }

void Workspaces::saveState(QSettings& store) const {
    store.setValue(QStringLiteral("workspace/current"), currentIndex());
    for (const auto& [splitter, key] : m_splitters)
        store.setValue(QStringLiteral("workspace/") + key, splitter->saveState());
    for (int i = 0; i < kCount; ++i)
        if (QTabWidget* tabs = m_views[static_cast<std::size_t>(i)])
            store.setValue(QStringLiteral("workspace/view-%1").arg(i), tabs->currentIndex());
}

void Workspaces::restoreState(const QSettings& store) {
    for (const auto& [splitter, key] : m_splitters)
        if (store.contains(QStringLiteral("workspace/") + key))
            splitter->restoreState(store.value(QStringLiteral("workspace/") + key).toByteArray());
    for (int i = 0; i < kCount; ++i)
        if (QTabWidget* tabs = m_views[static_cast<std::size_t>(i)])
            tabs->setCurrentIndex(store.value(QStringLiteral("workspace/view-%1").arg(i), 0).toInt());
    const int current = store.value(QStringLiteral("workspace/current"), 0).toInt();
    show(static_cast<Id>(current >= 0 && current < kCount ? current : 0));
}

}  // namespace dae::ui
