using System.Linq;
using Apache.Arrow;
using Apache.Arrow.C;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Logging;
using Backtester.Results;
using Xunit;
using Backtester.Arrow;

namespace Backtester.Engine.Tests;

public class ArrowCDataTests
{
    [Fact]
    public unsafe void Fills_exported_through_the_C_data_interface_import_back_with_the_same_schema_and_values()
    {
        var data = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 2 });
        BacktestResult result = Backtest.Run(data, new Signaller { Every = 50 }, new BacktestOptions { TradeLog = TradeLogMode.All });
        Fill[] fills = result.Fills.ToArray();

        CArrowArray* array = CArrowArray.Create();
        CArrowSchema* schema = CArrowSchema.Create();
        try
        {
            using (PooledRecordBatch table = ArrowTables.From<Fill>(fills))
                ArrowTables.Export(table.Batch, (nint)array, (nint)schema);
            // The pooled buffers are back in the pool now: the exported copy must stand on its own.

            Schema imported = CArrowSchemaImporter.ImportSchema(schema);
            using RecordBatch batch = CArrowArrayImporter.ImportRecordBatch(array, imported);

            Assert.Equal(Fill.ArrowSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)), imported.FieldsList.Select(f => (f.Name, f.DataType.TypeId)));
            Assert.Equal(fills.Length, batch.Length);
            for (int i = 0; i < fills.Length; i++) Assert.Equal(fills[i], Fill.ReadRow(batch, i));
        }
        finally
        {
            CArrowArray.Free(array);
            CArrowSchema.Free(schema);
        }
    }
}
