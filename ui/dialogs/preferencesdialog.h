#pragma once

#include "config/settings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

// The choices that apply to the whole window rather than to one tab: how much every session's
// log keeps. A modal dialog, since the user decides and confirms.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    Settings::LogLimits logLimits() const;
    void setLogLimits(const Settings::LogLimits &limits);

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};
