namespace CareMarket.Register;

/// <summary>An organisation that provides care (CQC provider id such as 1-101641521), possibly part of a brand.</summary>
public class Provider
{
    public int Id { get; set; }
    public string? CqcProviderId { get; set; }
    public required string Name { get; set; }
    public string? BrandId { get; set; }
    public string? BrandName { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Service> Services { get; set; } = [];
}
