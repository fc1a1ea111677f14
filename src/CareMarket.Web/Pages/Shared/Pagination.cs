namespace CareMarket.Web.Pages.Shared;

/// <summary>A GOV.UK pagination row: the page shown, how many, and the address of page n (the filters kept).</summary>
public sealed record Pagination(int Page, int Pages, Func<int, string> Link, string Label);
