#pragma once

class QTableView;

// Rows one text line high, all the same, and no row numbers: the view never measures its rows,
// which keeps a table of 100,000 rows (or 1,000 clients) fast (house style 15).
void setFixedRows(QTableView *table);
