using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using CareMarket.Register.CqcApi;
using CareMarket.Register.CqcFiles;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Admin;

[RequestSizeLimit(1_000_000_000), RequestFormLimits(MultipartBodyLengthLimit = 1_000_000_000)]
public partial class IndexModel(CareMarketDb db, Administration admin, Settings settings, ApiKeyCache keys, IServiceProvider services) : PageModel
{
    public List<ImportRun> Imports { get; private set; } = [];
    public List<ApiKeyRow> Keys { get; private set; } = [];
    public List<(int Id, string Name)> Providers { get; private set; } = [];
    public bool CqcApiConfigured => services.GetService<CqcSync>() is not null;
    public string? NewKey { get; private set; }

    public CouncilSettings Council { get; private set; } = new();
    [BindProperty] public int? StaleAfterDays { get; set; }
    [BindProperty] public int SettingsVersion { get; set; }
    [BindProperty] public bool PlaceWithInadequateWithReason { get; set; }
    // The dictionaries name their form prefix: without it, a form that does not post them (the settings form has no
    // targets) would bind every field of the form into them, and fail on the antiforgery token.
    /// <summary>Brokerage ranking weights, in the order of <see cref="WeightNames"/>.</summary>
    [BindProperty(Name = nameof(Weights))] public Dictionary<string, int?> Weights { get; set; } = [];

    public static readonly (string Key, string Label, string Hint)[] WeightNames =
    [
        ("Quality", "Quality", "CQC rating, blended with the council's own audit when there is one"),
        ("Distance", "Distance", "Nearer the person's area scores higher"),
        ("Price", "Price", "Cheaper among those eligible scores higher"),
        ("Continuity", "Continuity", "The service the person already uses"),
        ("Fairness", "Fairness", "Providers with fewer recent awards rise"),
        ("Start", "Start date", "Can start by the wanted date"),
    ];

    /// <summary>The council's sourcing targets as held (the example until it saves its own).</summary>
    public TimescaleSettings Timescales { get; private set; } = TimescaleSettings.Example;
    /// <summary>Working days by "ServiceType-Priority"; blank uses the usual target.</summary>
    [BindProperty(Name = nameof(Targets))] public Dictionary<string, int?> Targets { get; set; } = [];
    [BindProperty] public int? OtherwiseWorkingDays { get; set; }
    /// <summary>The share (%) to source within timescale, by service type; blank sets no aim.</summary>
    [BindProperty(Name = nameof(PercentWithin))] public Dictionary<string, int?> PercentWithin { get; set; } = [];

    public static string TargetKey(ServiceType type, Priority priority) => $"{type}-{priority}";

    [BindProperty] public CqcFileKind? Kind { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The order of the file's dates: blank works it out from them; "day-first" or "month-first" when they cannot tell.</summary>
    [BindProperty] public string? Dates { get; set; }
    [BindProperty] public int? KeyProviderId { get; set; }
    [BindProperty] public string? KeyName { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (Kind is null) ModelState.AddModelError(nameof(Kind), "Choose the kind of CQC file");
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose a CQC file to import");
        DateOrder? order = null;
        if (!string.IsNullOrWhiteSpace(Dates))
        {
            if (DateOrders.TryParseOption(Dates, out var o)) order = o;
            else ModelState.AddModelError(nameof(Dates), "Choose how the file's dates are written");
        }
        if (ModelState.IsValid)
        {
            try
            {
                await using var content = Upload!.OpenReadStream();
                var run = await admin.ImportUploadAsync(Kind!.Value, content, Upload.FileName, ct, order);
                var skipped = run.OtherSectors switch
                {
                    0 => "",
                    1 => " 1 row of another sector (a GP, dentist or hospital) was skipped.",
                    var n => $" {n:N0} rows of other sectors (GPs, dentists, hospitals) were skipped.",
                };
                TempData["Done"] = $"Imported {run.Source}: {run.Rows:N0} rows read, {run.Added:N0} added, {run.Updated:N0} updated, {run.Unchanged:N0} unchanged.{skipped}";
                return RedirectToPage();
            }
            catch (ImportFileException e)
            {
                ModelState.AddModelError(nameof(Upload), $"The file was not imported and nothing was written: {e.Message}");
                if (e.AsksDateOrder)
                {
                    ModelState.AddModelError(nameof(Dates), "Say how the file's dates are written, choose the file again and import it");
                }
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSyncAsync(CancellationToken ct)
    {
        if (services.GetService<CqcSync>() is not { } sync) return RedirectToPage();
        try
        {
            var run = await sync.ChangesSinceAsync(null, ct);
            TempData["Done"] = $"CQC API: {run.Rows:N0} changed locations read, {run.Added:N0} added, {run.Updated:N0} updated.";
        }
        catch (Exception e) when (e is CqcApiException or InvalidOperationException)
        {
            TempData["Failed"] = $"The CQC API sync did not run: {e.Message}";
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostIssueKeyAsync(CancellationToken ct)
    {
        var decision = await admin.IssueApiKeyAsync(KeyProviderId, KeyName, ct);
        if (decision is Decision.Created<string> { Value: var key })
        {
            NewKey = key;
            KeyName = null;
        }
        else ModelState.AddTo(decision, field => field == "ProviderId" ? nameof(KeyProviderId) : nameof(KeyName));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (StaleAfterDays is null)
        {
            ModelState.Remove(nameof(StaleAfterDays));
            ModelState.AddModelError(nameof(StaleAfterDays), "Enter a number of days from 1 to 90");
        }
        else
        {
            int W(string key) => Weights.GetValueOrDefault(key) ?? -1;
            var decision = await settings.SaveAsync(new CouncilSettings
            {
                CapacityStaleAfterDays = StaleAfterDays.Value, Version = SettingsVersion, PlaceWithInadequateWithReason = PlaceWithInadequateWithReason,
                WeightQuality = W("Quality"), WeightDistance = W("Distance"), WeightPrice = W("Price"),
                WeightContinuity = W("Continuity"), WeightFairness = W("Fairness"), WeightStart = W("Start"),
            }, ct);
            switch (decision)
            {
                case Decision.Allowed:
                    TempData["Done"] = "Settings saved.";
                    return RedirectToPage();
                case Decision.Invalid invalid:
                    foreach (var e in invalid.Errors)
                        ModelState.AddModelError(SettingsField(e.Field), e.Message);
                    break;
                case Decision.Conflict c:
                    ModelState.AddModelError(nameof(StaleAfterDays), c.Reason);
                    break;
                case Decision.Refused r:
                    ModelState.AddModelError(nameof(StaleAfterDays), r.Reason);
                    break;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTargetsAsync(CancellationToken ct)
    {
        // Words a person can act on for what did not bind as a whole number, keeping what they typed. The dictionary
        // binder also reports the failure under keys of its own (not fields on the page): those go.
        foreach (var (key, entry) in ModelState.Where(e => e.Value!.Errors.Count > 0).ToList())
        {
            if (!FormField().IsMatch(key))
            {
                ModelState.Remove(key);
                continue;
            }
            entry!.Errors.Clear();
            entry.Errors.Add(key == nameof(OtherwiseWorkingDays) ? UsualTargetMissing
                : CellName(key) + (key.StartsWith(nameof(PercentWithin), StringComparison.Ordinal)
                    ? "enter a whole number from 1 to 100, or leave it blank"
                    : $"enter a whole number of working days from 1 to {TimescaleSettings.MostWorkingDays}, or leave it blank"));
        }
        if (OtherwiseWorkingDays is null && ModelState[nameof(OtherwiseWorkingDays)]?.Errors.Count is null or 0)
            ModelState.AddModelError(nameof(OtherwiseWorkingDays), UsualTargetMissing);
        // The cells that are whole numbers, checked together, so every problem is shown at once.
        var change = new TimescaleSettings(
            [.. from type in CareRequests.SourcedTypes from priority in Enum.GetValues<Priority>()
                where Targets.GetValueOrDefault(TargetKey(type, priority)) is not null
                select new TimescaleTarget(type, priority, Targets[TargetKey(type, priority)]!.Value)],
            OtherwiseWorkingDays ?? 1, // when missing, already said
            [.. from type in CareRequests.SourcedTypes where PercentWithin.GetValueOrDefault(type.ToString()) is not null
                select new PercentWithinTarget(type, PercentWithin[type.ToString()]!.Value)]);
        var decision = ModelState.IsValid ? await settings.SaveTimescalesAsync(change, SettingsVersion, ct) : TimescaleSettings.Check(change);
        switch (decision)
        {
            case Decision.Allowed when ModelState.IsValid:
                TempData["Done"] = "Sourcing targets saved.";
                return RedirectToPage(null, null, "targets");
            case Decision.Invalid invalid:
                foreach (var e in invalid.Errors) ModelState.AddModelError(e.Field, e.Message);
                break;
            case Decision.Conflict c:
                ModelState.AddModelError(nameof(OtherwiseWorkingDays), c.Reason);
                break;
            case Decision.Refused r:
                ModelState.AddModelError(nameof(OtherwiseWorkingDays), r.Reason);
                break;
        }
        await LoadAsync(ct);
        return Page();
    }

    private static readonly string UsualTargetMissing = $"Enter the usual target, from 1 to {TimescaleSettings.MostWorkingDays} working days";

    /// <summary>The words that start a message about a cell of the targets table ("Homecare, routine: ").</summary>
    private static string CellName(string key)
    {
        var inside = key[(key.IndexOf('[') + 1)..^1].Split('-');
        var type = RegisterWords.Of(Enum.Parse<ServiceType>(inside[0]));
        return inside.Length == 2 ? $"{type}, {CareMarket.Brokerage.Timescales.Words(Enum.Parse<Priority>(inside[1])).ToLowerInvariant()}: " : $"{type}: ";
    }

    /// <summary>The form field a settings error belongs to ("WeightPrice" → "Weights[Price]").</summary>
    public static string SettingsField(string field) => field switch
    {
        "Weights" => "Weights[Quality]",
        _ when field.StartsWith("Weight", StringComparison.Ordinal) => $"Weights[{field["Weight".Length..]}]",
        _ => nameof(StaleAfterDays),
    };

    public async Task<IActionResult> OnPostRevokeKeyAsync(int id, CancellationToken ct)
    {
        if (await admin.RevokeApiKeyAsync(id, ct) is { } hash) keys.Forget(hash);
        TempData["Done"] = "The key was revoked.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Imports = await admin.ImportsAsync(20, ct);
        Council = await settings.ForCouncilAsync(ct);
        if (!ModelState.ContainsKey(nameof(StaleAfterDays)) || ModelState.IsValid) StaleAfterDays = Council.CapacityStaleAfterDays;
        SettingsVersion = Council.Version;
        if (!ModelState.ContainsKey(nameof(StaleAfterDays)) || ModelState.IsValid) PlaceWithInadequateWithReason = Council.PlaceWithInadequateWithReason;
        Timescales = await settings.TimescalesAsync(ct);
        // A form posted back with errors shows what was typed; the others show what is held.
        if (!ModelState.Keys.Any(k => k.StartsWith("Targets[", StringComparison.Ordinal) || k == nameof(OtherwiseWorkingDays)))
        {
            OtherwiseWorkingDays = Timescales.OtherwiseWorkingDays;
            Targets = Timescales.Targets.ToDictionary(t => TargetKey(t.Type, t.Priority), t => (int?)t.WorkingDays);
            PercentWithin = (Timescales.PercentWithin ?? []).ToDictionary(p => p.Type.ToString(), p => (int?)p.Percent);
        }
        if (!ModelState.Keys.Any(k => k.StartsWith("Weights[", StringComparison.Ordinal)))
        {
            var w = Council.Weights;
            Weights = new() { ["Quality"] = w.Quality, ["Distance"] = w.Distance, ["Price"] = w.Price, ["Continuity"] = w.Continuity, ["Fairness"] = w.Fairness, ["Start"] = w.Start };
        }
        Keys = await admin.ApiKeysAsync(ct);
        // Providers with services in or next to the council: the ones that might send returns.
        var council = db.TenantId;
        Providers = (await db.Providers.AsNoTracking()
                .Where(p => p.Services.Any(s => s.HostLocalAuthorityId == council
                    || db.Neighbours.Any(n => n.LocalAuthorityId == council && n.NeighbourId == s.HostLocalAuthorityId)))
                .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(OtherwiseWorkingDays|Targets\[\w+-\w+\]|PercentWithin\[\w+\])$")]
    private static partial System.Text.RegularExpressions.Regex FormField();
}
