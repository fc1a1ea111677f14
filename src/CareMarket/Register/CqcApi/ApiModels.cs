using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareMarket.Register.CqcApi;

// The CQC public API's JSON, reduced to the fields CareMarket uses. Anything not declared here is skipped by the
// deserialiser and never reaches memory as an object: notably every person's name and contact details
// (regulatedActivities[].contacts, contacts, nominatedIndividual). Do not add such fields. relationships[] names
// other locations only (id, type, reason), never people.

internal sealed class ApiLocationPage
{
    public int? Total { get; set; }
    public int? Page { get; set; }
    public int? TotalPages { get; set; }
    public int? PerPage { get; set; }
    public List<ApiLocationSummary>? Locations { get; set; }
}

internal sealed class ApiLocationSummary
{
    public string? LocationId { get; set; }
}

internal sealed class ApiChangePage
{
    public int? Total { get; set; }
    public int? Page { get; set; }
    public int? TotalPages { get; set; }
    public int? PerPage { get; set; }
    public List<string>? Changes { get; set; }
}

internal sealed class ApiLocation
{
    public string? LocationId { get; set; }
    public string? ProviderId { get; set; }
    public string? Name { get; set; }
    public string? BrandId { get; set; }
    public string? BrandName { get; set; }
    public string? RegistrationStatus { get; set; }
    public string? RegistrationDate { get; set; }
    public string? DeregistrationDate { get; set; }
    public string? Dormancy { get; set; }
    public int? NumberOfBeds { get; set; }
    public string? Website { get; set; }
    public string? PostalAddressLine1 { get; set; }
    public string? PostalAddressLine2 { get; set; }
    public string? PostalAddressTownCity { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public double? OnspdLatitude { get; set; }
    public double? OnspdLongitude { get; set; }
    public string? CareHome { get; set; }
    public string? InspectionDirectorate { get; set; }
    public string? MainPhoneNumber { get; set; }
    public string? LocalAuthority { get; set; }
    public List<ApiNamed>? RegulatedActivities { get; set; }
    public List<ApiServiceType>? GacServiceTypes { get; set; }
    public List<ApiNamed>? Specialisms { get; set; }
    public List<ApiInspectionCategory>? InspectionCategories { get; set; }
    public ApiCurrentRatings? CurrentRatings { get; set; }
    public List<ApiHistoricRating>? HistoricRatings { get; set; }
    public ApiDated? LastInspection { get; set; }
    public List<ApiAssessment>? Assessment { get; set; }
    public List<ApiRelationship>? Relationships { get; set; }
}

/// <summary>
/// Another location this one is linked to: <c>{"relatedLocationId", "relatedLocationName", "type": "HSCA Predecessor"
/// | "HSCA Successor", "reason": "Location Changed Provider" …}</c>. The name is not read (the id is enough).
/// </summary>
internal sealed class ApiRelationship
{
    public string? RelatedLocationId { get; set; }
    public string? Type { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Only the name: regulated activities also carry contacts (people), which are not declared.</summary>
internal sealed class ApiNamed
{
    public string? Name { get; set; }
}

internal sealed class ApiServiceType
{
    public string? Name { get; set; }
    public string? Description { get; set; }
}

internal sealed class ApiInspectionCategory
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    [JsonConverter(typeof(LooseBoolConverter))]
    public bool? Primary { get; set; }
}

internal sealed class ApiDated
{
    public string? Date { get; set; }
}

internal sealed class ApiCurrentRatings
{
    public ApiOverallRating? Overall { get; set; }
    public string? ReportDate { get; set; }
}

internal sealed class ApiOverallRating
{
    public string? Rating { get; set; }
    public string? ReportDate { get; set; }
    public List<ApiKeyQuestionRating>? KeyQuestionRatings { get; set; }
}

internal sealed class ApiKeyQuestionRating
{
    public string? Name { get; set; }
    public string? Rating { get; set; }
    public string? ReportDate { get; set; }
}

internal sealed class ApiHistoricRating
{
    public string? ReportDate { get; set; }
    public ApiOverallRating? Overall { get; set; }
}

/// <summary>One single assessment framework assessment plan, as published ("2024-09-17 15:19:48").</summary>
internal sealed class ApiAssessment
{
    public string? AssessmentPlanId { get; set; }
    public string? Title { get; set; }
    public string? AssessmentPlanStatus { get; set; }
    public string? AssessmentPlanPublishedDateTime { get; set; }
    public ApiAssessmentRatings? Ratings { get; set; }
}

/// <summary><c>overall</c> is empty for adult social care; the ratings are in <c>asgRatings</c>, one per assessment service group.</summary>
internal sealed class ApiAssessmentRatings
{
    public List<ApiAssessmentRating>? Overall { get; set; }
    public List<ApiAssessmentRating>? AsgRatings { get; set; }
}

internal sealed class ApiAssessmentRating
{
    public string? AssessmentDate { get; set; }
    /// <summary>The assessment service group, e.g. "Care Homes".</summary>
    public string? Name { get; set; }
    public string? Rating { get; set; }
    /// <summary>"Current" for the rating in force; earlier ones are kept as history.</summary>
    public string? Status { get; set; }
    public List<ApiAssessedKeyQuestion>? KeyQuestionRatings { get; set; }
}

/// <summary>A key question of an assessment: rating, score and whether it was assessed this time ("Assessed", "Not Assessed").</summary>
internal sealed class ApiAssessedKeyQuestion
{
    public string? Name { get; set; }
    public string? Rating { get; set; }
    /// <summary>Read as it comes (a number, or text) so that an odd score is warned about, not a failed sync.</summary>
    public JsonElement? PercentageScore { get; set; }
    public string? Status { get; set; }
}

internal sealed class ApiProvider
{
    public string? ProviderId { get; set; }
    public string? Name { get; set; }
    public string? BrandId { get; set; }
    public string? BrandName { get; set; }
    public string? RegistrationStatus { get; set; }
    public List<string>? LocationIds { get; set; }
    public string? PostalAddressLine1 { get; set; }
    public string? PostalAddressLine2 { get; set; }
    public string? PostalAddressTownCity { get; set; }
    public string? PostalCode { get; set; }
}

/// <summary>CQC writes some flags as JSON booleans and some as strings ("true", "Y").</summary>
internal sealed class LooseBoolConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String => reader.GetString()?.Trim().ToLowerInvariant() switch
            {
                "true" or "y" or "yes" => true,
                "false" or "n" or "no" => false,
                _ => null,
            },
            _ => SkipAndNull(ref reader),
        };

    private static bool? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteBooleanValue(v); else writer.WriteNullValue();
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ApiLocationPage))]
[JsonSerializable(typeof(ApiChangePage))]
[JsonSerializable(typeof(ApiLocation))]
[JsonSerializable(typeof(ApiProvider))]
internal sealed partial class CqcApiJson : JsonSerializerContext;
