// daelab: the GUI. Starts on the embedded MNIST digits unless --dataset says otherwise.
//   --screenshot FILE [--screenshot-delay MS]  saves the window to a PNG and exits (docs, CI)
#include "dae/default_data.h"
#include "dae/training.h"
#include "main_window.h"
#include "training_session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QAction>
#include <QThread>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("daelab"));
    QApplication::setOrganizationName(QStringLiteral("daelab"));
    QApplication::setApplicationVersion(QStringLiteral(DAELAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A laboratory for denoising autoencoders."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataset({QStringLiteral("d"), QStringLiteral("dataset")},
                                     QStringLiteral("Data set to open (see daelab-cli datasets)."),
                                     QStringLiteral("id"), QStringLiteral("mnist"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window as a PNG and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds to wait before the screenshot."),
                                   QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption start(QStringLiteral("start"), QStringLiteral("Start training at once."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads for the matrix products (default: all cores but one, at least 1)."),
                                     QStringLiteral("n"));
    parser.addOptions({dataset, screenshot, delay, start, threads});
    parser.process(app);
    // The GUI thread keeps a core to itself on small machines, so the window stays fluid.
    const int cores = QThread::idealThreadCount();
    dae::set_compute_threads(parser.isSet(threads) ? parser.value(threads).toInt() : std::max(1, cores - 1));

    dae::Dataset data;
    try {
        data = dae::load_dataset(parser.value(dataset).toStdString());
    } catch (const std::exception& e) {
        QMessageBox::critical(nullptr, QStringLiteral("daelab"), QString::fromStdString(e.what()));
        return 1;
    }
    dae::ui::MainWindow window(std::move(data));
    window.show();
    if (parser.isSet(start)) QTimer::singleShot(0, &window, [&window] { window.startAction()->trigger(); });

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, file] {
            const bool ok = window.grab().save(file);
            std::fprintf(stderr, "%s %s\n", ok ? "saved" : "could not save", qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
