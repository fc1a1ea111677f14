using System.Security.Claims;
using CareMarket.Data;

namespace CareMarket.Web.Security;

/// <summary>Who may do what. Pages get these per folder (Program.cs); API groups per part.</summary>
public static class Policies
{
    /// <summary>The register: council staff, partners, and provider users (who see only their own services).</summary>
    public const string ReadRegister = nameof(ReadRegister);
    /// <summary>A council's contracts with services: commissioners and administrators.</summary>
    public const string ManageContracts = nameof(ManageContracts);
    /// <summary>The council's capacity picture: council staff and partners (no personal data in it).</summary>
    public const string ReadCapacity = nameof(ReadCapacity);
    /// <summary>Report capacity: provider users and providers' systems, for their own services only.</summary>
    public const string ReportCapacity = nameof(ReportCapacity);
    /// <summary>Import a Capacity Tracker extract: commissioners and administrators.</summary>
    public const string ImportCapacity = nameof(ImportCapacity);
    /// <summary>Read the council's care requests: brokers, commissioners, social workers, administrators.</summary>
    public const string ReadRequests = nameof(ReadRequests);
    /// <summary>Create, send and award care requests: brokers, social workers and administrators.</summary>
    public const string ManageRequests = nameof(ManageRequests);
    /// <summary>Suspend or embargo a council's placements with a service, and lift it: quality officers, commissioners, administrators.</summary>
    public const string ManageRestrictions = nameof(ManageRestrictions);
    /// <summary>Users, imports, API keys, the audit log.</summary>
    public const string Administer = nameof(Administer);
    /// <summary>
    /// Confirm a provider user's link to their provider: the council's administrators, and provider users (the use
    /// case lets only an approver of that same provider do it).
    /// </summary>
    public const string ConfirmProviderLinks = nameof(ConfirmProviderLinks);

    public static readonly string[] RegisterReaders = [.. Roles.CouncilStaff, Roles.Partner, Roles.Provider];
    public static readonly string[] ContractManagers = [Roles.Commissioner, Roles.Administrator];
    public static readonly string[] Administrators = [Roles.Administrator];
    public static readonly string[] ProviderLinkConfirmers = [Roles.Administrator, Roles.Provider];
    public static readonly string[] RequestReaders = [Roles.Broker, Roles.Commissioner, Roles.SocialWorker, Roles.Administrator];
    public static readonly string[] RequestManagers = [Roles.Broker, Roles.SocialWorker, Roles.Administrator];
    public static readonly string[] CapacityReaders = [.. Roles.CouncilStaff, Roles.Partner];
    public static readonly string[] CapacityReporters = [Roles.Provider];
    public static readonly string[] CapacityImporters = [Roles.Commissioner, Roles.Administrator];
    public static readonly string[] RestrictionManagers = [Roles.QualityOfficer, Roles.Commissioner, Roles.Administrator];

    public const string LocalAuthorityClaim = "caremarket:la";
    public const string ProviderClaim = "caremarket:provider";
    /// <summary>A provider user who confirms others' links to the same provider (for the menu; the use case decides).</summary>
    public const string ApproverClaim = "caremarket:approver";

    /// <summary>The actor a signed-in principal (user or API key) stands for.</summary>
    public static Actor ActorOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Actor.Anonymous;
        var la = int.TryParse(user.FindFirstValue(LocalAuthorityClaim), out var l) ? l : -1;
        var provider = int.TryParse(user.FindFirstValue(ProviderClaim), out var p) ? p : (int?)null;
        return new Actor(user.Identity.Name ?? "unknown", la, provider, user.IsInRole(Roles.Partner));
    }
}
