namespace CareMarket.Register;

/// <summary>One import of a CQC file or sync of the CQC API: what was read and what it changed.</summary>
public class ImportRun
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Source { get; set; }
    public string? Sha256 { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public int Rows { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public string? UserName { get; set; }
}
