using SafeSocial.Core.Accounts.Vault;

namespace SafeSocial.Tests.Accounts;

public class PasswordGeneratorTests
{
    [Fact]
    public void APasswordHasTheLengthAskedAndEveryClassOfCharacter()
    {
        foreach (var length in new[] { 12, 24, 40 })
        {
            var password = PasswordGenerator.Generate(length);
            Assert.Equal(length, password.Length);
            Assert.Contains(password, PasswordGenerator.Lower.Contains);
            Assert.Contains(password, PasswordGenerator.Upper.Contains);
            Assert.Contains(password, PasswordGenerator.Digits.Contains);
            Assert.Contains(password, PasswordGenerator.Symbols.Contains);
        }
        Assert.Equal(24, PasswordGenerator.Generate().Length);
    }

    [Fact]
    public void NoPasswordHasALookAlikeCharacter()
    {
        for (var i = 0; i < 200; i++)
            Assert.DoesNotContain(PasswordGenerator.Generate(), c => "0O1lI|`'\" ".Contains(c));
    }

    [Fact]
    public void PasswordsDifferAndUseTheWholeAlphabet()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => PasswordGenerator.Generate()).ToList();
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        var alphabet = PasswordGenerator.Lower + PasswordGenerator.Upper + PasswordGenerator.Digits + PasswordGenerator.Symbols;
        Assert.Equal(alphabet.Order(), passwords.SelectMany(p => p).Distinct().Order());
    }

    [Fact]
    public void AShortPasswordIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordGenerator.Generate(8));
}
