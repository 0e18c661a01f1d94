<?xml version="1.0" encoding="UTF-8"?>
<!-- Writes the merged WAR's web.xml from the two it merges, so that each setting has one source:
     the console's web.xml (the input) with its pages moved under /console/, and the HTTP API's
     (the parameter api) as it is. What only the merged WAR needs is here: /console itself goes to
     the console's first page (welcome files do not apply under a prefix mapping, and at the root
     JAX-RS answers). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:j="https://jakarta.ee/xml/ns/jakartaee"
                xmlns="https://jakarta.ee/xml/ns/jakartaee"
                exclude-result-prefixes="j">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>

  <xsl:param name="api"/>
  <xsl:variable name="prefix" select="'/console'"/>
  <xsl:variable name="console-roles" select="/j:web-app/j:security-role/j:role-name"/>

  <xsl:template match="/j:web-app">
    <xsl:comment> Generated at build time by micro/src/main/xslt/merged-web.xsl from the console's
     and the HTTP API's web.xml: edit those. </xsl:comment>
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <display-name>Tributary</display-name>
      <xsl:apply-templates select="node()[not(self::j:display-name)]"/>
      <filter>
        <filter-name>ConsoleHome</filter-name>
        <filter-class>org.tributary.console.navigation.ConsoleHomeRedirect</filter-class>
      </filter>
      <filter-mapping>
        <filter-name>ConsoleHome</filter-name>
        <url-pattern><xsl:value-of select="$prefix"/></url-pattern>
        <url-pattern><xsl:value-of select="concat($prefix, '/')"/></url-pattern>
      </filter-mapping>
      <xsl:copy-of select="document($api)/j:web-app/j:security-constraint"/>
      <xsl:copy-of
          select="document($api)/j:web-app/j:security-role[not(j:role-name = $console-roles)]"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="j:context-param[j:param-name = 'tributary.console.prefix']/j:param-value">
    <param-value><xsl:value-of select="$prefix"/></param-value>
  </xsl:template>

  <!-- Faces by the prefix: beside JAX-RS at /*, an extension mapping such as *.xhtml would lose. -->
  <xsl:template match="j:servlet-mapping/j:url-pattern[. = '*.xhtml']">
    <url-pattern><xsl:value-of select="concat($prefix, '/*')"/></url-pattern>
  </xsl:template>

  <xsl:template match="j:url-pattern | j:error-page/j:location">
    <xsl:element name="{local-name()}">
      <xsl:value-of select="concat($prefix, .)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="j:welcome-file-list | /comment()"/>

  <xsl:template match="@* | node()">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
