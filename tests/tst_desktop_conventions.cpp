// The window follows desktop conventions: a guided tour offered on a first start only (skippable at
// any step, remembered), every setting with a tooltip naming its symbol or its paper, the tabs and
// the settings reachable by keyboard, Tab moving through the fields in their order on screen.
#include "guided_tour.h"
#include "main_window.h"
#include "training/settings_panel.h"
#include "widgets/filter_grid.h"
#include "widgets/number_field.h"
#include "workspaces.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using dae::ui::GuidedTour;
using dae::ui::MainWindow;
using dae::ui::Workspaces;

namespace {

// A window on the embedded digits with a fresh settings store, shown and active.
struct Window {
    QTemporaryDir dir;
    QSettings settings{dir.filePath("daelab.ini"), QSettings::IniFormat};
    MainWindow w{"mnist-10k", &settings};
    bool exposed = false;
    Window() {
        w.show();
        exposed = QTest::qWaitForWindowExposed(&w);
        if (exposed) QApplication::setActiveWindow(&w);
    }
};

}  // namespace

class TestDesktopConventions : public QObject {
    Q_OBJECT
private slots:
    void theTourIsOfferedOnceAndCanBeSkipped() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        {
            MainWindow w("mnist-10k", &settings);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(!GuidedTour::seen(settings));
            w.startTourIfFirstTime();
            GuidedTour* tour = w.tour();
            QVERIFY(tour->isVisible());
            QCOMPARE(tour->step(), 0);
            QVERIFY(!tour->backButton()->isEnabled());
            // It is not modal: the window's actions still work while it shows.
            QVERIFY(!tour->isModal() && w.startAction()->isEnabled());
            // Each step shows its part: the workspaces (the toolbar), then the settings, then the filters.
            tour->nextButton()->click();
            QCOMPARE(tour->highlighted(), w.findChild<QToolBar*>("toolbar"));
            tour->nextButton()->click();
            QCOMPARE(tour->highlighted(), w.settingsPanel());
            QVERIFY(tour->highlighted()->isVisible());
            w.workspaces()->show(Workspaces::Iterate);  // a step brings its workspace back
            tour->nextButton()->click();
            QCOMPARE(w.workspaces()->current(), Workspaces::Train);
            QVERIFY(w.filterGrid()->isVisible());
            // The card never covers the part it outlines.
            for (int i = tour->step(); i < tour->steps(); ++i) {
                if (QWidget* part = tour->highlighted()) {
                    const QRect r(part->mapTo(&w, QPoint(0, 0)), part->size());
                    QVERIFY2(!tour->geometry().intersects(r), qPrintable(QString("step %1").arg(i)));
                }
                if (i + 1 < tour->steps()) tour->nextButton()->click();
            }
            // It ends on the first action: Start, in the Train workspace.
            QCOMPARE(tour->nextButton()->text(), QString("Done"));
            QCOMPARE(w.workspaces()->current(), Workspaces::Train);
            QCOMPARE(tour->highlighted(), w.findChild<QToolBar*>("toolbar")->widgetForAction(w.startAction()));
            tour->backButton()->click();
            QCOMPARE(tour->step(), tour->steps() - 2);
            // Esc skips it from any step, and it is remembered.
            QTest::keyClick(tour->nextButton(), Qt::Key_Escape);
            QVERIFY(!tour->isVisible());
            QVERIFY(GuidedTour::seen(settings));
        }
        MainWindow again("mnist-10k", &settings);
        again.show();
        again.startTourIfFirstTime();
        QVERIFY(!again.tour()->isVisible());
        // Help → Guided tour brings it back.
        QAction* action = nullptr;
        for (QAction* menu : again.menuBar()->actions())
            if (menu->text() == "&Help")
                for (QAction* a : menu->menu()->actions())
                    if (a->text() == "Guided &tour") action = a;
        QVERIFY(action);
        action->trigger();
        QVERIFY(again.tour()->isVisible());
        again.tour()->skipButton()->click();
        QVERIFY(!again.tour()->isVisible());
    }

    void everySettingHasATooltip() {
        Window window;
        MainWindow& w = window.w;
        int inputs = 0;
        QStringList missing;
        for (QWidget* input : w.findChildren<QWidget*>()) {
            const bool setting =
                qobject_cast<QAbstractSpinBox*>(input) || qobject_cast<QComboBox*>(input) ||
                qobject_cast<QCheckBox*>(input) || qobject_cast<QSlider*>(input) ||
                (qobject_cast<QLineEdit*>(input) && !qobject_cast<QAbstractSpinBox*>(input->parent()) &&
                 !qobject_cast<QComboBox*>(input->parent()));
            if (!setting) continue;
            ++inputs;
            if (input->toolTip().isEmpty()) {
                // Named by its class, its panel and what it shows, so the missing one can be found.
                QString shown;
                if (auto* c = qobject_cast<QComboBox*>(input)) shown = c->currentText();
                if (auto* b = qobject_cast<QCheckBox*>(input)) shown = b->text();
                if (auto* b = qobject_cast<QAbstractSpinBox*>(input)) shown = b->text();
                QWidget* panel = input;
                while (panel->parentWidget() && !QString(panel->metaObject()->className()).startsWith("dae::"))
                    panel = panel->parentWidget();
                missing << QString("%1 '%2' in %3")
                               .arg(input->metaObject()->className(), shown, panel->metaObject()->className());
            }
        }
        for (const QString& m : missing)
            qWarning("no tooltip: %s", qPrintable(m));
        QVERIFY2(missing.isEmpty(), qPrintable(QString("%1 settings have no tooltip").arg(missing.size())));
        QVERIFY(inputs > 30);
        // The training settings name a symbol or a paper.
        for (const char* key : {"hidden", "level", "walkback", "batch", "learning-rate", "annealing"}) {
            const QString tip = w.settingsPanel()->field(key)->toolTip();
            QVERIFY2(tip.contains("Bahdanau") || tip.contains("Vincent") || tip.contains("Goodfellow"),
                     qPrintable(QString("%1: %2").arg(key, tip)));
        }
    }

    void tabMovesThroughTheSettingsInScreenOrder() {
        Window window;
        QVERIFY(window.exposed);
        MainWindow& w = window.w;
        w.settingsPanel()->setAdvancedShown(true);  // every field on screen
        QApplication::processEvents();
        const auto& order = w.settingsPanel()->focusOrder();
        QVERIFY(order.size() > 15);
        // On screen, each field stands below (or beside, further right) the one before it.
        for (std::size_t i = 1; i < order.size(); ++i) {
            const QPoint a = order[i - 1]->mapTo(w.settingsPanel(), QPoint(0, 0));
            const QPoint b = order[i]->mapTo(w.settingsPanel(), QPoint(0, 0));
            QVERIFY2(b.y() > a.y() || (b.y() == a.y() && b.x() > a.x()), qPrintable(QString::number(i)));
        }
        // Ctrl+, puts the focus in the first field; Tab then walks the order.
        QTest::keyClick(&w, Qt::Key_Comma, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), order.front());
        for (std::size_t i = 1; i < 6; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* f = QApplication::focusWidget();
            QVERIFY2(f == order[i] || order[i]->isAncestorOf(f), qPrintable(QString::number(i)));
        }
    }

    void workspacesAndViewsAreReachableByKeyboard() {
        Window window;
        QVERIFY(window.exposed);
        MainWindow& w = window.w;
        QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(w.workspaces()->current(), Workspaces::Iterate);
        QTest::keyClick(&w, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(w.workspaces()->current(), Workspaces::Experiments);
        QTabWidget* views = w.workspaces()->views(Workspaces::Experiments);
        QCOMPARE(views->currentIndex(), 0);
        QTest::keyClick(&w, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(views->currentIndex(), 1);
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);  // wraps round
        QCOMPARE(views->currentIndex(), views->count() - 1);
        QVERIFY(w.workspaces()->action(Workspaces::Train)->toolTip().contains("Ctrl+1"));
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w.workspaces()->current(), Workspaces::Train);
    }
};

QTEST_MAIN(TestDesktopConventions)
#include "tst_desktop_conventions.moc"
