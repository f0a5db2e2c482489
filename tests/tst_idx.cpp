// The IDX reader and writer: round trips (plain and .gz) and one specific error per malformation.
#include "dae/error.h"
#include "dae/files.h"
#include "dae/idx.h"
#include "error_message.h"
#include "gzip.h"

#include <QTemporaryDir>
#include <QTest>

using dae::IdxArray;

namespace {

IdxArray sample_images() {
    IdxArray a;
    a.dims = {3, 4, 5};
    for (int i = 0; i < 60; ++i)
        a.data.push_back(static_cast<std::uint8_t>(i * 4 + 1));
    return a;
}

std::vector<std::uint8_t> header(std::uint8_t type, std::vector<std::uint32_t> dims) {
    std::vector<std::uint8_t> out{0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (auto d : dims)
        for (int s = 24; s >= 0; s -= 8)
            out.push_back(static_cast<std::uint8_t>(d >> s));
    return out;
}

// Runs parse and returns the error message ("" when it did not throw).
QString parse_error(const std::vector<std::uint8_t>& bytes) {
    return error_message([&] { dae::read_idx_bytes(bytes, "probe.idx"); });
}

}  // namespace

class TestIdx : public QObject {
    Q_OBJECT
private slots:
    void roundTripPlainAndGz_data() {
        QTest::addColumn<bool>("compress");
        QTest::newRow("plain") << false;
        QTest::newRow("gz") << true;
    }
    void roundTripPlainAndGz() {
        QFETCH(bool, compress);
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/images.idx3").toStdString();
        const IdxArray a = sample_images();
        dae::write_idx(path, a, compress);
        const auto raw = dae::read_file(path);
        QCOMPARE(dae::is_gzip(raw), compress);
        const IdxArray b = dae::read_idx(path);
        QCOMPARE(b.dims, a.dims);
        QCOMPARE(b.data, a.data);
        QCOMPARE(dae::read_idx_dims(path), a.dims);
    }
    void labelsRankOne() {
        IdxArray a;
        a.dims = {7};
        a.data = {0, 1, 2, 3, 4, 5, 9};
        const IdxArray b = dae::parse_idx(dae::serialize_idx(a), "labels");
        QCOMPARE(b.dims, a.dims);
        QCOMPARE(b.data, a.data);
    }
    void gzipRoundTripAndConcatenatedMembers() {
        const std::vector<std::uint8_t> x{1, 2, 3}, y{4, 5};
        auto gx = dae::gzip(x), gy = dae::gzip(y);
        gx.insert(gx.end(), gy.begin(), gy.end());
        QCOMPARE(dae::gunzip(gx, "two members"), (std::vector<std::uint8_t>{1, 2, 3, 4, 5}));
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto qb = [](const std::vector<std::uint8_t>& v) {
            return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
        };
        const auto good = dae::serialize_idx(sample_images());
        QTest::newRow("empty") << QByteArray() << "truncated";
        QTest::newRow("bad magic") << qb({0x50, 0x4b, 3, 4, 0, 0}) << "bad magic 50 4b 03 04";
        QTest::newRow("float type") << qb(header(0x0D, {1})) + QByteArray(4, 0) << "unsupported element type 0x0D";
        QTest::newRow("rank 0") << qb({0, 0, 8, 0}) << "unsupported rank 0";
        QTest::newRow("rank 9") << qb({0, 0, 8, 9}) << "unsupported rank 9";
        QTest::newRow("header cut") << qb({0, 0, 8, 3, 0, 0, 0, 3}) << "the header needs 16 bytes";
        QTest::newRow("zero dim") << qb(header(8, {3, 0, 5})) << "dimension 1 is zero";
        auto truncated = good;
        truncated.resize(good.size() - 7);
        QTest::newRow("truncated") << qb(truncated)
                                   << "truncated: header (3 x 4 x 5) promises 60 bytes of data, file has 53";
        auto longer = good;
        longer.push_back(0);
        longer.push_back(0);
        QTest::newRow("size mismatch") << qb(longer) << "size mismatch: 2 bytes after the 60";
        QTest::newRow("absurd header") << qb(header(8, {0xFFFFFFFFu, 0xFFFFFFFFu, 28})) << "absurd header";
        auto gz = dae::gzip(good);
        gz.resize(gz.size() / 2);
        QTest::newRow("gz truncated") << qb(gz) << "truncated gzip data";
        auto gz_bad = dae::gzip(good);
        for (std::size_t i = 12; i < gz_bad.size() - 8; ++i)
            gz_bad[i] ^= 0x55;
        QTest::newRow("gz corrupt") << qb(gz_bad) << "corrupt gzip data";
    }
    void malformed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const std::vector<std::uint8_t> v(bytes.begin(), bytes.end());
        const QString message = parse_error(v);
        QVERIFY2(message.startsWith("probe.idx: "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
    void missingFileNamesIt() {
        try {
            dae::read_idx("/nonexistent/daelab/images.idx3");
            QFAIL("no error");
        } catch (const dae::Error& e) {
            QVERIFY(QString(e.what()).startsWith("/nonexistent/daelab/images.idx3: cannot open"));
        }
    }
    void gzipBombWithAHonestLookingHeaderIsBounded() {
        // A header promising 2^38 bytes (plausible, under the 2^40 absurdity bound) in a small .gz:
        // refused from its header, nothing inflated.
        std::vector<std::uint8_t> v{0, 0, 8,    3, 0, 0, 0x40, 0,
                                    0, 0, 0x40, 0, 0, 0, 0x10, 0};  // 16384 x 16384 x 4096 = 2^38
        v.resize(v.size() + 4096, 0);
        const QString message = parse_error(dae::gzip(v));
        QVERIFY2(message.contains("more than daelab reads"), qPrintable(message));
    }
    void folderIsNotAFile() {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(dae::Error, dae::read_idx(dir.path().toStdString()));
    }
    void gzipBombIsBounded() {
        // 64 MiB of zeros compresses to ~64 kB; a limit of 1 MiB must stop the inflation early.
        const std::vector<std::uint8_t> zeros(64u << 20, 0);
        const auto gz = dae::gzip(zeros, 9);
        QVERIFY_THROWS_EXCEPTION(dae::Error, dae::gunzip(gz, "bomb", 1u << 20));
    }
};

QTEST_APPLESS_MAIN(TestIdx)
#include "tst_idx.moc"
