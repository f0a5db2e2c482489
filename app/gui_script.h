// The window's command line as a script: the flags that preset settings, open a model, start a job
// (--start, --iterate, --sweep, --chain, --census …), show a workspace and take a screenshot when
// the job is done. main() parses, builds the window, and hands both to run().
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace dae::ui {
class MainWindow;
}

namespace dae::app {

class GuiScript {
public:
    GuiScript();
    void addTo(QCommandLineParser& parser) const;
    // The numbers and the model argument, checked before any window opens; false after printing why.
    bool check(const QCommandLineParser& parser) const;
    QString dataset(const QCommandLineParser& parser) const;
    // The compute threads asked for (0: the thread policy's choice).
    int threads(const QCommandLineParser& parser) const;
    bool screenshot(const QCommandLineParser& parser) const;
    // Applies everything to the shown window. Returns an exit code ≥ 0 when the program must end
    // now (a bad setting, a model that does not load), −1 to go on with the event loop.
    int run(ui::MainWindow& window, const QCommandLineParser& parser) const;

private:
    int presetAndOpen(ui::MainWindow& window, const QCommandLineParser& parser) const;
    int showAndStart(ui::MainWindow& window, const QCommandLineParser& parser) const;
    void whenJudged(ui::MainWindow& window, const QCommandLineParser& parser) const;
    void shootWhenDone(ui::MainWindow& window, const QCommandLineParser& parser) const;
    void exitWhenFinished(ui::MainWindow& window) const;
    int openRuns(ui::MainWindow& window, const QCommandLineParser& parser) const;

    QCommandLineOption m_dataset, m_screenshot, m_screen_shot, m_delay, m_start, m_threads, m_option,
        m_exit_when_finished, m_model, m_tab, m_iterate, m_iterate_set, m_edit, m_atlas, m_sweep, m_stacked,
        m_train_toy, m_chain, m_compare, m_census, m_landscape, m_phase, m_runs, m_runs_group, m_runs_select,
        m_runs_view, m_tour;
};

}  // namespace dae::app
