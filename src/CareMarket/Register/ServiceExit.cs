namespace CareMarket.Register;

/// <summary>A service leaving the register (CQC deactivated location): when, and how many beds went with it.</summary>
public class ServiceExit
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public DateOnly EndedOn { get; set; }
    public int? BedsAtExit { get; set; }
    public required string Source { get; set; }
    public DateTime RecordedAt { get; set; }
}
