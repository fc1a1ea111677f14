using CareMarket.Register.CqcFiles;

namespace CareMarket.Bench;

/// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool).</summary>
public sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
