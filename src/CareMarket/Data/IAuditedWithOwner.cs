namespace CareMarket.Data;

/// <summary>
/// A row that is part of another and written with it (a capacity return's bed and hours lines): when its owner is
/// added in the same save, the owner's audit record holds it, instead of a record of its own. The audit keeps every
/// value; a homecare return is one record, not sixteen.
/// </summary>
public interface IAuditedWithOwner;
