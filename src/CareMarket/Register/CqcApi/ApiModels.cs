using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareMarket.Register.CqcApi;

// The CQC public API's JSON, reduced to the fields CareMarket uses. Anything not declared here is skipped by the
// deserialiser and never reaches memory as an object: notably every person's name and contact details
// (regulatedActivities[].contacts, contacts, nominatedIndividual, relationships). Do not add such fields.

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

internal sealed class ApiAssessment
{
    public string? AssessmentPlanPublishedDateTime { get; set; }
    public ApiAssessmentRatings? Ratings { get; set; }
}

internal sealed class ApiAssessmentRatings
{
    public List<ApiAssessmentRating>? Overall { get; set; }
    public List<ApiAssessmentRating>? AsgRatings { get; set; }
}

internal sealed class ApiAssessmentRating
{
    public string? Name { get; set; }
    public string? Rating { get; set; }
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
