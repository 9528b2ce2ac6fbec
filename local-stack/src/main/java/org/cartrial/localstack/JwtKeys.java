package org.cartrial.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RS256 key pair of the embedded default: made once under {@code DIR/keys}, the private half readable only by
 * its owner. The services and the gateway get only the public PEM; {@code token} signs with the private one.
 */
public record JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {

    private static final String PUBLIC_FILE = "jwt-public.pem";
    private static final String PRIVATE_FILE = "jwt-private.pem";

    public static Path publicKeyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve(PUBLIC_FILE);
    }

    static Path privateKeyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve(PRIVATE_FILE);
    }

    /** Makes the key pair unless there is one already. Answers whether it was made now. */
    public static boolean ensure(Path dataDir) {
        if (Files.exists(privateKeyFile(dataDir))) {
            return false;
        }
        generate(dataDir);
        return true;
    }

    public static JwtKeys load(Path dataDir) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(readPem(publicKeyFile(dataDir))));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(privateKeyFile(dataDir))));
            return new JwtKeys(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key pair under " + dataDir.resolve("keys") + " is unreadable", e);
        }
    }

    private static void generate(Path dataDir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path folder = Files.createDirectories(dataDir.resolve("keys"));
            // public first: the private file's presence is what says "the pair exists"
            Files.writeString(publicKeyFile(dataDir), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Path partial = folder.resolve(PRIVATE_FILE + ".partial");
            Files.deleteIfExists(partial);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created with mode 600, so the key is never readable by others, not even for a moment
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(partial, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.move(partial, privateKeyFile(dataDir), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key pair under " + dataDir.resolve("keys"), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) {
        try {
            String base64 = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run `./trial start` or `keys` first)", e);
        }
    }
}
