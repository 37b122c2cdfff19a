#include "dialogs/preferencesdialog.h"
#include "ui_preferencesdialog.h"


PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    using Limits = Settings::LogLimits;
    m_ui->maxRowsSpin->setRange(int(Limits::MinRows), int(Limits::MaxRows));
    m_ui->maxRowsSpin->setGroupSeparatorShown(true);
    m_ui->payloadBudgetSpin->setRange(Limits::MinPayloadMiB, Limits::MaxPayloadMiB);
    m_ui->payloadBudgetSpin->setGroupSeparatorShown(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

PreferencesDialog::~PreferencesDialog() = default;

Settings::LogLimits PreferencesDialog::logLimits() const
{
    Settings::LogLimits limits;
    limits.rows = m_ui->maxRowsSpin->value();
    limits.payloadMiB = m_ui->payloadBudgetSpin->value();
    return limits;
}

void PreferencesDialog::setLogLimits(const Settings::LogLimits &limits)
{
    m_ui->maxRowsSpin->setValue(int(limits.rows));
    m_ui->payloadBudgetSpin->setValue(limits.payloadMiB);
}
