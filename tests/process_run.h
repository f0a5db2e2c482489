// Runs a program to its end in a folder and keeps what it printed: the command-line tests.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct ProcessRun {
    int code;  // −1 when it crashed or did not finish in time
    QString out, err;
};

inline ProcessRun run_process(const QString& program, const QStringList& args, const QString& dir = {},
                              const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                              int timeout_ms = 240000) {
    QProcess p;
    if (!dir.isEmpty()) p.setWorkingDirectory(dir);
    p.setProcessEnvironment(env);
    p.start(program, args);
    const bool finished = p.waitForFinished(timeout_ms);
    return {finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
