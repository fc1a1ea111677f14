using CareMarket.Data;
using CareMarket.Register;

namespace CareMarket.Brokerage;

/// <summary>
/// A council's own target for sourcing one service type at one priority, in working days (an administrator sets
/// them; see <see cref="TimescaleSettings"/>). A council that has saved none uses <see cref="TimescaleSettings.Example"/>.
/// </summary>
public class SourcingTarget : ICouncilSetting
{
    public int LocalAuthorityId { get; set; }
    public ServiceType ServiceType { get; set; }
    public Priority Priority { get; set; }
    public int WorkingDays { get; set; }
}

/// <summary>The share (%) of a service type's requests a council aims to source within its targets (for example 75%).</summary>
public class WithinTimescaleTarget : ICouncilSetting
{
    public int LocalAuthorityId { get; set; }
    public ServiceType ServiceType { get; set; }
    public int Percent { get; set; }
}
