package io.bounceguard.it.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

/** An RSA key pair made for one test run: the public key as the PEM file James reads, tokens signed with the private key. */
final class JwtKeys {
    private final KeyPair keyPair;

    JwtKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as {@code jwt_publickey} in {@code directory} and returns the file. */
    Path writePublicKey(Path directory) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("jwt_publickey");
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token WebAdmin accepts: signed RS256, with the {@code admin} claim. */
    String adminToken() {
        return token(true);
    }

    /** A validly signed token without the admin claim (WebAdmin refuses it). */
    String userToken() {
        return token(false);
    }

    private String token(boolean admin) {
        return Jwts.builder()
            .setSubject("ops@james.local")
            .claim("admin", admin)
            .setIssuedAt(new Date())
            .signWith(keyPair.getPrivate(), SignatureAlgorithm.RS256)
            .compact();
    }
}
