using System.Security.Cryptography;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>Strong random passwords for official accounts, readable aloud: no 0/O, 1/l/I or other look-alikes.</summary>
public static class PasswordGenerator
{
    public const string Lower = "abcdefghijkmnopqrstuvwxyz";
    public const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const string Digits = "23456789";
    public const string Symbols = "!#$%&*+-=?@^_";
    private static readonly string[] Classes = [Lower, Upper, Digits, Symbols];
    private static readonly string All = string.Concat(Classes);

    /// <summary>A password with at least one character of each class; the rest drawn uniformly from them all.</summary>
    public static string Generate(int length = 24)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 12);
        var chars = new char[length];
        for (var i = 0; i < Classes.Length; i++) chars[i] = Pick(Classes[i]);
        for (var i = Classes.Length; i < length; i++) chars[i] = Pick(All);
        // The guaranteed characters would otherwise always lead.
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
